"""`make deploy`'s last step: the seed file's organisations into a deployed stage's table.

Only those the table does not hold yet (`chalicelib.devtools.provision.seed_registry`): on a
first deploy, all of them; on every later one, none but an organisation added to the seed
file, so that nothing onboarded, suspended or changed through the API is ever undone.
Runs with the deployer's credentials, as `cdk deploy` did.
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
