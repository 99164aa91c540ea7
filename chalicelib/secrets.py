"""Secrets from Secrets Manager, for whichever part needs one."""

from __future__ import annotations


def secret(name: str) -> str:
    """A Secrets Manager secret's string, cached for 5 minutes by Powertools (rotation-friendly)."""
    from aws_lambda_powertools.utilities.parameters import get_secret

    return str(get_secret(name, max_age=300))
