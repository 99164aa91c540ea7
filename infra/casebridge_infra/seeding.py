"""The registry seeded by the stack itself: a custom resource backed by the app's `seed_registry`
function (`chalicelib/seeding.py`), so that no deploy can forget the seed.

CloudFormation calls the function when it creates the resource, with the stack, and again
(an `Update`) only when the resource's one property changes: the seed's digest. Each call
writes the seed file's organisations the table does not hold yet, never over one it holds.
The resource comes after the table; nothing in it is per organisation (the seed is in the
function's code, not in the template).
"""

from __future__ import annotations

import hashlib
import json

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from chalice.cdk import Chalice
from constructs import Construct

from casebridge_infra.functions import SEED

#: The resource's type, as CloudFormation shows it (`Custom::` names a custom resource).
RESOURCE_TYPE = "Custom::RegistrySeed"


def seed_digest() -> str:
    """The seed's organisations, hashed: a change of the seed file changes it, and nothing else does."""
    from chalicelib.domain.organisations import seed, to_document

    documents = [to_document(org) for org in seed()]
    return hashlib.sha256(json.dumps(documents, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def build_registry_seed(scope: Construct, chalice: Chalice, table: dynamodb.CfnTable) -> cdk.CustomResource:
    seeded = cdk.CustomResource(
        scope,
        "RegistrySeed",
        service_token=cdk.Token.as_string(chalice.get_resource(SEED).get_att("Arn")),
        resource_type=RESOURCE_TYPE,
        properties={"SeedDigest": seed_digest()},
        # An answer that never comes (the function failing to start, or timing out) fails the
        # deploy after this, not after CloudFormation's hour: the function's own 300 s, and margin.
        service_timeout=cdk.Duration.minutes(10),
    )
    # The function names the table by its name, not by a reference: the order is said here.
    seeded.node.add_dependency(table)
    return seeded
