# casebridge — the two commands a newcomer needs are `make run` and `make test`; `make` lists the others.
# Every target has its one line after `## ` on its rule: `make help` prints them (tests/test_make.py).
SHELL := /bin/bash
#: Python keeps its bytecode (`__pycache__/`, ignored by git), as it does by default: an
#: environment that turns that off has every process of the suite, the local stack and each CLI
#: command compile the project's sources again (collection 8.7 s, not 3.5 s). The Lambda bundle
#: never carries it (`infra/casebridge_infra/functions.py`, `_without_bytecode`).
unexport PYTHONDONTWRITEBYTECODE
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
ORG ?= DEA
OUT ?=
SCOPE ?=
SUB ?=
MFA ?=
HOURS ?= 1
SINCE ?=
STAGE ?= dev
INFRA_STAMP := $(VENV)/.infra-installed
DOCS_STAMP := $(VENV)/.docs-installed
DOCS_PORT ?= 8001
#: The CDK CLI that deploys the synthesized assembly, from npm with the Node.js in .venv (npm's
#: `latest`, 3.0.0, cannot read the assembly schema aws-cdk-lib 2.275 writes).
CDK_CLI := aws-cdk@2.1148.1
#: jsii and npx find the Node.js that infra/requirements.txt installs into .venv.
WITH_NODE := PATH="$(abspath $(BIN)):$$PATH"

.PHONY: help run demo reset settle test test-console screenshots test-infra bench-console lint typecheck unit fuzz bench bench-local bench-registry token rotate-key signing-secret client notifications synth deploy docs docs-build clean

#: pip install -r FILE into .venv, its output cut to one line per package (scripts/install_progress.py).
pip_install = set -o pipefail; $(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -r $(1) \
	| $(BIN)/python scripts/install_progress.py $(1)

#: The client is installed editable; its version (metadata) is read when it is installed. (A
#: wildcard: a folder that holds the project by symlinks, as tests/test_local_stack.py makes, may not have it.)
$(STAMP): requirements.txt requirements-dev.txt $(wildcard clients/python/pyproject.toml clients/python/casebridge_client/generated/version.py)
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(call pip_install,requirements-dev.txt)
	@touch $(STAMP)

$(DOCS_STAMP): $(STAMP) docs/requirements.txt
	@$(call pip_install,docs/requirements.txt)
	@touch $(DOCS_STAMP)

$(INFRA_STAMP): $(STAMP) infra/requirements.txt
	@$(call pip_install,infra/requirements.txt)
	@touch $(INFRA_STAMP)

help:  ## this list: every target and what it does (also plain `make`)
	@echo "make TARGET, where TARGET is one of:"
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))

run: $(STAMP)  ## the whole system on one laptop: moto, the API, the stream pump (the first run installs .venv: a minute)
	PORT=$(PORT) $(BIN)/python -m scripts.localstack

reset:  ## forget the local stack's data, keys and tokens (refused while it runs); the next make run starts clean
	@$(PYTHON) -m scripts.reset

demo: $(STAMP)  ## run the walkthrough (docs/examples/walkthrough.sh) against the running stack, step by step
	@$(BIN)/python -m scripts.demo

settle: $(STAMP)  ## wait until the local stream pump has delivered the reactions of every write so far
	@$(BIN)/python -m scripts.settle

test: $(STAMP) lint typecheck unit  ## ruff, import-linter, mypy, pytest (the first run installs .venv: a minute)

lint: $(STAMP)  ## ruff: lint and formatting (ruff format . fixes the formatting); import-linter: the layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: $(STAMP)  ## mypy, strict
	$(BIN)/mypy

#: A group of tests stays on one worker: a file, or files that share a stack or the generated
#: client (`GROUPS` in tests/conftest.py, whose scheduler groups them); the longest groups start
#: first (`LONGEST_FIRST` there; --no-loadscope-reorder keeps that order).
unit: $(STAMP)  ## the suite on both cores, a group of test files per worker (tests/conftest.py GROUPS)
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder

fuzz: $(STAMP)  ## schemathesis: 2,000 cases per operation and 500 linked scenarios; state machine: 50 runs
	CASEBRIDGE_FUZZ_EXAMPLES=2000 CASEBRIDGE_FUZZ_SCENARIOS=500 CASEBRIDGE_STATEFUL_EXAMPLES=50 \
		$(BIN)/python -m pytest -n 2 tests/test_fuzz.py tests/test_state_machine.py

#: Playwright (pinned) drives Debian's Chromium (`apt-get install chromium`; .ci/run installs it),
#: never a browser of its own; axe-core comes with axe-playwright-python.
CONSOLE_STAMP := $(VENV)/.console-installed

$(CONSOLE_STAMP): $(STAMP) tests/console/requirements.txt
	@$(call pip_install,tests/console/requirements.txt)
	@touch $(CONSOLE_STAMP)

test-console: $(CONSOLE_STAMP)  ## the console in a real browser (Debian's Chromium): the desks' flows, keyboard only, axe-core checks
	CASEBRIDGE_CONSOLE_TESTS=1 $(BIN)/python -m pytest tests/console -p no:randomly

screenshots: $(CONSOLE_STAMP)  ## test-console, its screenshots of each desk written over the docs' (docs/console/screenshots)
	CASEBRIDGE_CONSOLE_TESTS=1 CASEBRIDGE_SCREENSHOTS=$(abspath docs/console/screenshots) $(BIN)/python -m pytest tests/console -p no:randomly

#: The IAM policy evaluator of the recorded-calls check (infra/package.json, pinned by its lock).
IAM_SIMULATE := infra/node_modules/.package-lock.json

$(IAM_SIMULATE): $(INFRA_STAMP) infra/package.json infra/package-lock.json
	cd infra && $(WITH_NODE) npm ci --no-audit --no-fund --loglevel=error

test-infra: $(INFRA_STAMP) $(IAM_SIMULATE)  ## the CDK stack: synthesized offline, asserted, cfn-linted; every recorded AWS call checked against its role
	$(BIN)/mypy --config-file infra/mypy.ini
	$(WITH_NODE) $(BIN)/python -m pytest infra/tests

synth: $(INFRA_STAMP)  ## the CloudFormation template of a stage: make synth STAGE=prod
	$(WITH_NODE) STAGE=$(STAGE) $(BIN)/python infra/app.py
	@echo "infra/cdk.out/$(STAGE).template.json"

deploy: synth  ## deploy a stage with your AWS credentials: make deploy STAGE=prod (see docs/operating/deploy.md)
	$(WITH_NODE) $(BIN)/npx --yes $(CDK_CLI) deploy --app infra/cdk.out --require-approval broadening $(STAGE)
	$(BIN)/python -m scripts.publish_console --stage $(STAGE)

bench: $(STAMP)  ## the national cost model; DynamoDB calls per request, import time, latency ratios; then bench-local
	$(BIN)/python -m scripts.cost_model
	$(BIN)/python -m scripts.bench
	$(BIN)/python -m scripts.bench_files
	$(BIN)/python -m scripts.bench_local_stack
	$(BIN)/python -m scripts.bench_registry

bench-local: $(STAMP)  ## the local stack under 20,000 mixed requests: memory, p50 latency, restart time
	$(BIN)/python -m scripts.bench_local_stack

bench-console: $(CONSOLE_STAMP)  ## the console: its assets' gzipped size, first screen and desk interactive times (needs make run)
	$(BIN)/python -m scripts.bench_console

bench-registry: $(STAMP)  ## 20,000 organisations onboarded through the API: round trips, p50, memory (N=500 for fewer)
	$(BIN)/python -m scripts.bench_registry --organisations $(or $(N),20000)

token: $(STAMP)  ## a token for the running local stack: make token ORG=HSI [SCOPE="..."] [SUB=...] [MFA=otp] [HOURS=8] [ISSUER=platforms]
	@$(BIN)/python -m scripts.token --org "$(ORG)" --scope "$(SCOPE)" --sub "$(SUB)" --mfa "$(MFA)" --hours "$(HOURS)" --issuer "$(ISSUER)"

rotate-key: $(STAMP)  ## a dev identity provider signs with a new key (new kid), no restart: make rotate-key ISSUER=agencies|platforms
	@$(BIN)/python -m scripts.rotate_key --issuer "$(ISSUER)"

signing-secret: $(STAMP)  ## an organisation's webhook signing secret in AWS, made once: make signing-secret ORG=DEA STAGE=prod [OUT=file]
	@$(BIN)/python -m scripts.signing_secret --org "$(ORG)" --stage "$(STAGE)" $(if $(OUT),--out "$(OUT)")

client: $(STAMP)  ## copy events/api/ into the bundle (the document's examples), regenerate the Python client from the document
	$(BIN)/python -m scripts.generate_client

notifications: $(STAMP)  ## every event delivered to an organisation, never consuming its queue: make notifications ORG=HSI [SINCE=time]
	@$(BIN)/python -m scripts.notifications --org "$(ORG)" $(if $(SINCE),--since "$(SINCE)")

docs: $(DOCS_STAMP)  ## the documentation site, served live at http://127.0.0.1:8001 (DOCS_PORT=…)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:$(DOCS_PORT)

docs-build: $(DOCS_STAMP)  ## the documentation site built into site/ with --strict: a broken link or anchor fails
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --site-dir site

clean:  ## delete .venv, .local (the local stack's data), the built site and every build and tool cache
	rm -rf $(VENV) .local site .pytest_cache .mypy_cache .ruff_cache infra/cdk.out chalice.out build infra/node_modules
	find . -name __pycache__ -not -path './infra/node_modules/*' -prune -exec rm -rf {} +
