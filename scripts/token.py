"""`make token ORG=DEA [SCOPE=...] [SUB=...]`: prints a token signed by the local stack's issuer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chalicelib.devtools.issuer import DevIssuer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", required=True)
    parser.add_argument("--scope", default="")
    parser.add_argument("--sub", default="")
    args = parser.parse_args()
    folder = Path(".local")
    if not (folder / "issuer-key.pem").exists():
        sys.exit("no local issuer yet: start the stack with `make run` first")
    issuer = DevIssuer.load(folder)
    print(issuer.token(args.org.upper(), scope=args.scope or None, sub=args.sub or None))


if __name__ == "__main__":
    main()
