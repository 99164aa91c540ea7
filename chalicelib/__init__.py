"""casebridge: interagency case coordination for drug-enforcement agencies and platforms."""

#: The version `GET /v1/health` reports; kept equal to pyproject.toml's (a test checks).
__version__ = "0.2.0"
