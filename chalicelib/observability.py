"""Logger and metrics, set up once (Powertools reads POWERTOOLS_* from the environment)."""

from __future__ import annotations

from aws_lambda_powertools import Logger

logger = Logger(service="casebridge")
