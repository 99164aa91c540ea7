"""`make rotate-key ISSUER=agencies|platforms`: a dev identity provider signs with a new key from now on.

The new key has a new key id; the provider's previous public keys stay published beside it,
so that the tokens they signed verify until they expire. The running stack is not restarted:
the API fetches the provider's key set again (`/dev/issuers/<name>/jwks.json` on the local
server) when the first token signed with the new key arrives.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chalicelib.devtools.issuer import DevProvider


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issuer", default="", help="agencies or platforms")
    args = parser.parse_args()
    if args.issuer.lower() not in list(DevProvider):
        sys.exit(f"name the provider to rotate: ISSUER={' or ISSUER='.join(DevProvider)}")
    provider = DevProvider(args.issuer.lower())
    folder = Path(".local")
    if not (folder / provider.key_file).exists():
        sys.exit("the local stack has no dev providers yet: `make run` makes them")
    before = provider.load(folder).key_id
    after = provider.rotate(folder).key_id
    print(f"{provider}: signs with {after} from now on; {before} stays published for the tokens it signed")
    print(f"  published at {provider.jwks_path} on the local server; no restart needed")


if __name__ == "__main__":
    main()
