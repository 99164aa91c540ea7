"""`make bench`, evidence files: what checking an arrival costs (one streamed read of the
object, hashed as it comes) and how long the largest file takes in the arrivals function.

The check never trusts the checksum S3 was told (moto stores whatever a client claims), so
it reads every byte: its time is the object's size over the slower of S3's read and SHA-256.
Here S3 is moto in process, so the read figure is this machine's, not S3's; the hashing
figure is what matters in Lambda, where CPU grows with memory (1,769 MB is one vCPU).
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import time
from pathlib import Path

from chalicelib.devtools.environment import offline_environment

os.environ.update(offline_environment("bench"))

SIZE = 256 * 1024 * 1024
GIB = 1024**3
#: The arrivals function's memory and timeout, as deployed (`.chalice/config.json`).
_FUNCTION = json.loads((Path(__file__).parents[1] / ".chalice/config.json").read_text())["lambda_functions"][
    "check_arrivals"
]
LAMBDA_MEMORY_MB, LAMBDA_TIMEOUT_S = _FUNCTION["lambda_memory_size"], _FUNCTION["lambda_timeout"]
#: Lambda's CPU grows with memory: 1,769 MB is one vCPU (the Lambda developer guide).
ONE_VCPU_MB = 1769


def rate(seconds: list[float]) -> float:
    """MiB a second at the median time."""
    return SIZE / 1024**2 / statistics.median(seconds)


def main() -> None:
    import boto3
    from moto import mock_aws

    from chalicelib.devtools.provision import provision
    from chalicelib.storage.evidence import EvidenceBucket

    content = os.urandom(SIZE)
    hashing = []
    for _ in range(5):
        started = time.perf_counter()
        digest = hashlib.sha256()
        for offset in range(0, SIZE, 8 * 1024 * 1024):
            digest.update(content[offset : offset + 8 * 1024 * 1024])
        hashing.append(time.perf_counter() - started)
    with mock_aws():
        plan = provision("bench").topology
        boto3.client("s3").put_object(
            Bucket=plan.evidence_bucket, Key="files/bench", Body=content, ChecksumAlgorithm="SHA256"
        )
        bucket = EvidenceBucket(plan.evidence_bucket)
        checking = []
        for _ in range(3):
            started = time.perf_counter()
            arrived = bucket.arrived("files/bench", None)
            checking.append(time.perf_counter() - started)
            assert arrived is not None and arrived.size == SIZE
    hash_rate, check_rate = rate(hashing), rate(checking)
    share = min(LAMBDA_MEMORY_MB / ONE_VCPU_MB, 1.0)
    largest_mib = 5 * GIB / 1024**2
    hashing_largest = largest_mib / (hash_rate * share)
    # The read and the hashing overlap poorly in one thread: the time is about their sum.
    needed = largest_mib / (LAMBDA_TIMEOUT_S - hashing_largest)
    print(f"evidence files: a {SIZE // 1024**2} MiB object")
    print(f"  SHA-256 alone                       {hash_rate:6.0f} MiB/s (median of 5)")
    print(f"  read from moto S3 and hashed        {check_rate:6.0f} MiB/s (median of 3; moto in process)")
    print(
        f"  hashing 5 GiB on {share:.2f} vCPU ({LAMBDA_MEMORY_MB} MB)    {hashing_largest:6.1f} s "
        f"of the function's {LAMBDA_TIMEOUT_S} s"
    )
    print(f"  S3 must deliver at least            {needed:6.1f} MiB/s for a 5 GiB file to be checked in time")


if __name__ == "__main__":
    main()
