"""The seed file's organisations into a deployed stage's table, by hand.

The stack seeds itself (its custom resource, `chalicelib/seeding.py`, on its first deploy and
when the seed file changes); this does the same writes with the deployer's credentials, for a
table restored from a backup, say. Only the organisations the table does not hold yet
(`chalicelib.devtools.provision.seed_registry`), so that nothing onboarded, suspended or
changed through the API is ever undone.
"""

from __future__ import annotations

import argparse
import os


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", required=True)
    args = parser.parse_args()
    from chalicelib.topology import topology

    # Before the table's model is imported: PynamoDB reads its table name then.
    os.environ["CASEBRIDGE_TABLE"] = topology(args.stage).table_name
    from chalicelib.devtools.provision import seed_registry

    written = seed_registry()
    print(f"registry of {args.stage}: seeded {', '.join(written) if written else 'nothing (all there already)'}")


if __name__ == "__main__":
    main()
