# Wegweiser: `make run` starts the whole system locally, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := libs/servicekit libs/eventing libs/mailing libs/devstack $(sort $(dir $(wildcard services/*/pyproject.toml)))
INSTALLED := $(VENV)/.installed

.PHONY: help install run seed demo test lint bench lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(INSTALLED): requirements/constraints.txt requirements/dev.txt $(addsuffix pyproject.toml,$(addsuffix /,$(PACKAGES:/=)))
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Wegweiser needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -r requirements/dev.txt \
		$(foreach package,$(PACKAGES),-e $(package))
	touch $@

install: $(INSTALLED) ## create .venv and install the pinned dependencies

run: $(INSTALLED) ## run the whole system (broker, SMTP sink, every service); Ctrl-C stops it
	$(BIN)/wegweiser-dev run

seed: $(INSTALLED) ## add demo advisors with availability for the next weeks (idempotent)
	$(BIN)/wegweiser-dev seed

demo: $(INSTALLED) ## with `make run` running: seed and submit example companies end to end
	$(BIN)/wegweiser-dev demo

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot
# reach its servers from here), the report tests read PDFs back with poppler's tools, and
# WeasyPrint warns (an error under pytest) without HarfBuzz's subsetter; installing them
# needs root, as in CI.
CHROMIUM := /usr/bin/chromium
PDFTOTEXT := /usr/bin/pdftotext
HB_SUBSET := /usr/lib/$(shell uname -m)-linux-gnu/libharfbuzz-subset.so.0
$(CHROMIUM) $(PDFTOTEXT) $(HB_SUBSET):
	apt-get update && apt-get install -y --no-install-recommends chromium poppler-utils libharfbuzz-subset0

test: $(INSTALLED) $(CHROMIUM) $(PDFTOTEXT) $(HB_SUBSET) ## run the whole test suite (set TEST_DATABASE_URL to add PostgreSQL)
	$(BIN)/pytest

lint: $(INSTALLED) ## check style and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(INSTALLED) ## measure relay, latency, submit, scoring, rendering, booking, mail into bench/results/
	$(BIN)/python -m bench.eventing
	$(BIN)/python -m bench.assessment
	$(BIN)/python -m bench.reporting
	$(BIN)/python -m bench.notifications_booking
	$(BIN)/python -m bench.notifications_mail
	$(BIN)/python -m bench.system

lock: ## re-resolve the newest versions into requirements/constraints.txt
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements/dev.txt $(foreach package,$(PACKAGES),-e $(package))
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^pip==' > requirements/constraints.txt
	rm -rf .lock-venv

clean: ## remove the virtual environment and local state (var/)
	rm -rf $(VENV) var
