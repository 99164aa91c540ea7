"""A function's role, read off the synthesized template and asked about one IAM request at a time.

The evaluation is `@cloud-copilot/iam-simulate` (`simulate.mjs`, pinned in infra/package.json):
allows, explicit denies, wildcards and conditions as AWS evaluates them. Python's part is to
turn the template's intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`) into the
concrete ARNs the resources will have. The stack is synthesized for an account and region
(`ACCOUNT`, `REGION`); what CloudFormation alone knows (a secret's random suffix, a stream's
label) becomes the wildcard it can be.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.domain.organisations import seed
from chalicelib.topology import topology

INFRA = Path(__file__).resolve().parents[1]
SIMULATE = Path(__file__).with_name("simulate.mjs")
NODE = Path(sys.executable).parent / "node"
#: moto's account for the suite's credentials and the suite's region: the template is
#: synthesized for them, so its ARNs and the recorded ones name the same places.
ACCOUNT = "123456789012"
REGION = "us-east-1"
PSEUDO = {"AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
#: Buckets CloudFormation names in AWS; offline (and so in the record) the topology names them.
UNNAMED_BUCKETS = {"AuditArchive": "audit_archive_bucket", "Evidence": "evidence_bucket"}


@dataclass(frozen=True)
class Request:
    action: str
    resource: str
    leading_keys: tuple[str, ...] = ()

    @property
    def context(self) -> dict[str, list[str]]:
        return {"dynamodb:LeadingKeys": list(self.leading_keys)} if self.leading_keys else {}


class Template:
    """The synthesized template's resources, with their intrinsic functions resolved."""

    def __init__(self, document: dict[str, Any], stage: str) -> None:
        self.resources: dict[str, Any] = document["Resources"]
        self.plan = topology(stage, seed())

    def name(self, logical_id: str) -> str:
        resource = self.resources[logical_id]
        properties = resource.get("Properties", {})
        for key in ("TableName", "QueueName", "BucketName", "Name"):
            if key in properties:
                return str(self.resolve(properties[key]))
        if logical_id in UNNAMED_BUCKETS:
            return str(getattr(self.plan, UNNAMED_BUCKETS[logical_id]))
        raise ValueError(f"{logical_id} ({resource['Type']}) has no name to build its ARN from")

    def arn(self, logical_id: str, attribute: str = "Arn") -> str:
        kind = self.resources[logical_id]["Type"]
        if kind == "AWS::KMS::Key":  # its id is CloudFormation's to give
            return f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{logical_id}"
        name = self.name(logical_id)
        arns = {
            ("AWS::DynamoDB::Table", "Arn"): f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}",
            # The label is the stream's creation time, known once CloudFormation made it.
            ("AWS::DynamoDB::Table", "StreamArn"): f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}/stream/*",
            ("AWS::SQS::Queue", "Arn"): f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}",
            ("AWS::S3::Bucket", "Arn"): f"arn:aws:s3:::{name}",
            ("AWS::Events::EventBus", "Arn"): f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}",
            # Secrets Manager ends each secret's ARN with six random characters.
            ("AWS::SecretsManager::Secret", "Arn"): f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}-??????",
        }
        if (kind, attribute) not in arns:
            raise ValueError(f"no ARN rule for {logical_id}.{attribute} ({kind})")
        return arns[kind, attribute]

    def ref(self, logical_id: str) -> str:
        if logical_id in PSEUDO:
            return PSEUDO[logical_id]
        kind = self.resources[logical_id]["Type"]
        if kind in ("AWS::SecretsManager::Secret", "AWS::KMS::Key"):
            return self.arn(logical_id)
        if kind == "AWS::SQS::Queue":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{self.name(logical_id)}"
        return self.name(logical_id)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((function, argument),) = value.items()
            if function == "Ref":
                return self.ref(argument)
            if function == "Fn::GetAtt":
                return self.arn(*argument)
            if function == "Fn::Join":
                separator, parts = argument
                return separator.join(str(self.resolve(part)) for part in parts)
            if function == "Fn::Sub":
                return re.sub(r"\$\{([^}]+)\}", lambda m: self._sub(m.group(1)), argument)
            if function.startswith("Fn::"):
                raise ValueError(f"cannot resolve {function}")
        return {key: self.resolve(item) for key, item in value.items()}

    def _sub(self, reference: str) -> str:
        logical_id, _, attribute = reference.partition(".")
        return self.arn(logical_id, attribute) if attribute else str(self.ref(logical_id))

    def role_policies(self, handler: str) -> tuple[str, list[dict[str, Any]]]:
        """The role of the function whose handler is `app.<handler>`, and its policies, resolved."""
        [function] = [
            r
            for r in self.resources.values()
            if r["Type"] == "AWS::Serverless::Function" and r["Properties"]["Handler"] == f"app.{handler}"
        ]
        role = function["Properties"]["Role"]["Fn::GetAtt"][0]
        policies = self.resources[role]["Properties"].get("Policies", [])
        return role, [{"name": p["PolicyName"], "policy": self.resolve(p["PolicyDocument"])} for p in policies]


def rename_to_stage(arn: str, recorded_stage: str, stage: str) -> str:
    """A recorded ARN with the test stage's names as `stage` names the same resources: every
    name the topology gives starts with the stage's prefix (`casebridge-test` → `casebridge-prod`)."""
    recorded, wanted = topology(recorded_stage, seed()).table_name, topology(stage, seed()).table_name
    return re.sub(rf"(?<=[:/]){re.escape(recorded)}(?=$|[-/])", wanted, arn)


def evaluate(role_arn: str, policies: list[dict[str, Any]], requests: list[Request]) -> list[dict[str, Any]]:
    """What IAM answers `role_arn` for each request, given its identity policies."""
    batch = [
        {
            "principal": role_arn,
            "action": request.action,
            "resource": request.resource,
            "account": ACCOUNT,
            "context": request.context,
            "policies": policies,
        }
        for request in requests
    ]
    if not (INFRA / "node_modules" / "@cloud-copilot" / "iam-simulate").is_dir():
        raise RuntimeError("the IAM evaluator is not installed: run `make test-infra` (it runs `npm ci` in infra/)")
    done = subprocess.run(
        [str(NODE), str(SIMULATE)], input=json.dumps(batch), capture_output=True, text=True, check=False, cwd=INFRA
    )
    if done.returncode != 0:
        raise RuntimeError(f"simulate.mjs failed: {done.stderr}")
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    return answers
