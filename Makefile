# Tijara — `make run` serves the platform, `make test` runs the whole suite. Both set everything up.
VENV ?= .venv
PY := $(VENV)/bin/python
TIJARA := $(PY) -m tijara
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.DEFAULT_GOAL := check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[ai,dev]'
	touch $(STAMP)

.PHONY: install
install: $(STAMP)
	@$(TIJARA) compile_translations

.PHONY: prepare
prepare: install
	$(TIJARA) migrate --noinput
	$(TIJARA) load_reference_data
	$(TIJARA) demo

# The product: DEBUG off, friendly error pages, gunicorn (models loaded once) and a task worker, one command.
.PHONY: run
run: prepare
	$(TIJARA) serve --workers $(or $(WORKERS),2)

# Development: DEBUG on, the auto-reloading development server, and a task worker.
.PHONY: dev
dev: prepare
	TIJARA_DEBUG=true $(TIJARA) serve

.PHONY: test
test: install
	$(TIJARA) check
	$(TIJARA) makemigrations --check --dry-run
	bash scripts/run-tests.sh

.PHONY: lint
lint: install
	$(VENV)/bin/ruff check src tests bench

.PHONY: check
check: test lint

.PHONY: bench
bench: install
	bash scripts/run-bench.sh

.PHONY: eval-hs
eval-hs: install
	$(TIJARA) eval_hs

.PHONY: eval-assistant
eval-assistant: install  # on a scratch data dir with the reference packs loaded (procedures live in the DB)
	@d=$$(mktemp -d) && export TIJARA_DATA_DIR=$$d && $(TIJARA) migrate --noinput -v 0 && \
	  $(TIJARA) load_reference_data -v 0 && $(TIJARA) eval_assistant; rc=$$?; rm -rf $$d; exit $$rc

.PHONY: screenshots
screenshots: install
	$(PY) -m pytest -m browser tests/browser/test_screenshots.py -p no:xdist -q --screenshots

.PHONY: translations
translations: install
	bash scripts/make-messages.sh
	$(PY) -m tijara.language.enfr  # the English/French detector is fitted on the French catalogues too

.PHONY: docs
docs: install
	$(PY) scripts/cli_reference.py
