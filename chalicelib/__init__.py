"""casebridge: interagency case coordination for drug-enforcement agencies and platforms."""

#: casebridge's one version: the API's (`GET /v1/health`, the OpenAPI document's `info.version`),
#: the stack's (the CDK stack's description and `version` tag) and, through the document the
#: client is generated from, the Python client's and `casebridge --version`'s. It lives here
#: because this package is what the Lambda bundle carries; everything else reads it from here
#: (tests/test_version.py checks that they agree).
__version__ = "0.3.0"
