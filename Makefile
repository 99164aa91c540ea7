# casebridge — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
ORG ?= DEA
SCOPE ?=
SUB ?=

.PHONY: run test lint typecheck unit bench token notifications clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)  ## the whole system on one laptop: moto, the API, the stream pump
	PORT=$(PORT) $(BIN)/python -m scripts.localstack

test: $(STAMP) lint typecheck unit  ## ruff, mypy, pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)  ## DynamoDB calls per request, import time and read latency ratios
	$(BIN)/python -m scripts.bench

token: $(STAMP)  ## a token for the running local stack: make token ORG=HSI [SCOPE="..."] [SUB=...]
	@$(BIN)/python -m scripts.token --org "$(ORG)" --scope "$(SCOPE)" --sub "$(SUB)"

notifications: $(STAMP)  ## the events waiting in an organisation's queue: make notifications ORG=HSI
	@$(BIN)/python -m scripts.notifications --org "$(ORG)"

clean:
	rm -rf $(VENV) .local .pytest_cache .mypy_cache .ruff_cache
