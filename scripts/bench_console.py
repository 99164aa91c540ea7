"""`make bench-console`: the console's weight and speed on the local stack.

1. The shipped assets, each compressed as CloudFront compresses them (gzip), added up: the
   issue's budget is 200 KB.
2. In Debian's Chromium (Playwright), against a running `make run` (`.local/stack.json`), or
   `--url`: the first screen interactive (navigation start to the sign-in button usable), and
   a desk interactive after sign-in (the authorize page's submit to the legal desk's emergency
   queue loaded), the median of `--runs`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import time
from pathlib import Path

from chalicelib.console_site import FOLDER, shipped_files

BUDGET_BYTES = 200 * 1024


def compressed_sizes() -> dict[str, tuple[int, int]]:
    """Each file: (bytes, gzip bytes at level 9)."""
    return {
        path.relative_to(FOLDER).as_posix(): (len(raw := path.read_bytes()), len(gzip.compress(raw, 9)))
        for path in shipped_files()
    }


def timings(url: str, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    first, desk = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + "/console/", wait_until="commit")
            page.get_by_role("button", name="Sign in with Platforms").wait_for(state="visible")
            first.append(page.evaluate("performance.now()"))
            page.get_by_role("button", name="Sign in with Platforms").click()
            page.get_by_role("radio", name="Legal desk META").check()
            started = time.monotonic()
            page.get_by_role("button", name="Sign in").click()
            page.locator('#emergencies-body[aria-busy="false"]').wait_for()
            desk.append((time.monotonic() - started) * 1000)
            context.close()
        browser.close()
    return first, desk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sizes = compressed_sizes()
    raw, packed = sum(size for size, _ in sizes.values()), sum(size for _, size in sizes.values())
    print(f"console assets: {len(sizes)} files, {raw / 1024:.1f} KB, {packed / 1024:.1f} KB gzipped (budget 200 KB)")
    if packed > BUDGET_BYTES:
        raise SystemExit("over the 200 KB budget")
    stack = Path(".local/stack.json")
    url = args.url or (json.loads(stack.read_text())["api_url"] if stack.exists() else "")
    if not url:
        raise SystemExit("no running stack: start `make run` in another terminal, or give --url")
    first, desk = timings(url.rstrip("/"), args.runs)
    print(
        f"first screen interactive: median {statistics.median(first):.0f} ms (of {args.runs}: {max(first):.0f} ms at most)"
    )
    print(
        f"legal desk after sign-in: median {statistics.median(desk):.0f} ms (of {args.runs}: {max(desk):.0f} ms at most)"
    )


if __name__ == "__main__":
    main()
