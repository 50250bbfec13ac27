# Wegweiser: `make run` starts the whole system locally, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := libs/servicekit libs/eventing libs/mailing libs/privacy libs/charts libs/wording libs/devstack $(sort $(dir $(wildcard services/*/pyproject.toml)))
INSTALLED := $(VENV)/.installed

.PHONY: help install catalogues translations kafka verapdf run seed demo test screenshots lint mutation bench lock clean

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

install: $(INSTALLED) catalogues ## create .venv, install the pinned dependencies, compile the catalogues

# Every package's translations (src/<package>/locale/, see devstack.catalogues), compiled for
# the services to read. pybabel compile checks each translation's placeholders against its
# message id: a broken one fails the build here, not a page later (and leaves no .mo behind).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard libs/*/src/*/locale/*/LC_MESSAGES/messages.po services/*/src/*/locale/*/LC_MESSAGES/messages.po))
%.mo: %.po | $(INSTALLED)
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@ || { rm -f $@; exit 1; }

catalogues: $(CATALOGUES) ## compile the translations (make does it before run and test)

translations: $(INSTALLED) ## after changing texts in the code: update every package's catalogues, then translate the empty entries
	$(BIN)/wegweiser-dev translations

# Apache Kafka's jars from Maven Central, once per version (the pom names it; deploy/ pins
# the same). Tansu, the default broker, needs nothing but the Python packages.
KAFKA_POM := libs/devstack/src/devstack/apache_kafka/pom.xml
KAFKA_VERSION := $(shell sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' $(KAFKA_POM))
KAFKA_LIBS := .cache/kafka/$(KAFKA_VERSION)/libs
$(KAFKA_LIBS)/.complete: $(KAFKA_POM)
	@command -v java >/dev/null && command -v mvn >/dev/null \
		|| { echo "Apache Kafka needs Java 17 and Maven (apt-get install openjdk-17-jre-headless maven)"; exit 1; }
	rm -rf $(KAFKA_LIBS)
	mvn --batch-mode --quiet -f $(KAFKA_POM) -Dmaven.repo.local=$(abspath .cache/m2) \
		dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=$(abspath $(KAFKA_LIBS))
	touch $@

kafka: $(KAFKA_LIBS)/.complete ## fetch Apache Kafka (pinned, for TEST_KAFKA=apache and KAFKA=apache) into .cache/

# veraPDF's validation library from Maven Central and the small program that runs its PDF/UA-1
# profile (devstack.pdf_ua), once per version; compiling it needs a JDK, not only a JRE.
VERAPDF_POM := libs/devstack/src/devstack/verapdf/pom.xml
VERAPDF_MAIN := libs/devstack/src/devstack/verapdf/PdfUa1.java
VERAPDF_VERSION := $(shell sed -n 's:.*<verapdf.version>\(.*\)</verapdf.version>.*:\1:p' $(VERAPDF_POM))
VERAPDF_HOME := .cache/verapdf/$(VERAPDF_VERSION)
$(VERAPDF_HOME)/.complete: $(VERAPDF_POM) $(VERAPDF_MAIN)
	@command -v javac >/dev/null && command -v mvn >/dev/null \
		|| { echo "veraPDF needs a Java 17 JDK and Maven (apt-get install openjdk-17-jdk-headless maven)"; exit 1; }
	rm -rf $(VERAPDF_HOME)
	mvn --batch-mode --quiet -f $(VERAPDF_POM) -Dmaven.repo.local=$(abspath .cache/m2) \
		dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=$(abspath $(VERAPDF_HOME)/libs)
	javac -d $(VERAPDF_HOME)/classes -cp '$(VERAPDF_HOME)/libs/*' $(VERAPDF_MAIN)
	touch $@

verapdf: $(VERAPDF_HOME)/.complete ## fetch veraPDF (pinned, for the PDF/UA-1 check of the reports) into .cache/

# Which broker `make run` starts: tansu (memory only, the default) or apache (`make kafka`).
KAFKA ?= tansu
RUN_NEEDS := $(INSTALLED) $(CATALOGUES) $(if $(filter apache,$(KAFKA)),$(KAFKA_LIBS)/.complete)

run: $(RUN_NEEDS) ## run the whole system (broker, SMTP sink, every service); Ctrl-C stops it
	LOCAL_KAFKA=$(KAFKA) $(BIN)/wegweiser-dev run

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

# axe-core, which the accessibility tests run in every page, pinned in tests/accessibility/ (a
# package of the tests alone, so the project root stays free of Node), from npm once per lock.
AXE := tests/accessibility/node_modules/axe-core/axe.min.js
$(AXE): tests/accessibility/package.json tests/accessibility/package-lock.json
	@command -v npm >/dev/null || { echo "the accessibility tests need npm (apt-get install npm)"; exit 1; }
	npm ci --prefix tests/accessibility --ignore-scripts --no-audit --no-fund
	touch $@

# TEST_KAFKA chooses the broker of the integration and end-to-end tests: apache (the
# production broker, fetched by `make kafka` first; the default where Java is installed) or
# tansu (the default without Java).
HAVE_JAVA := $(shell command -v java 2>/dev/null)
TEST_KAFKA ?= $(if $(HAVE_JAVA),apache,tansu)
# TEST_VERAPDF=yes: the report PDFs are checked with veraPDF (`make verapdf` first; the
# default where a JDK and Maven are installed), and a missing veraPDF fails the test; without
# it that one test is skipped, and the structure-tree tests of the PDFs run either way.
HAVE_JDK := $(shell command -v javac >/dev/null && command -v mvn 2>/dev/null)
TEST_VERAPDF ?= $(if $(HAVE_JDK),yes,no)
TEST_NEEDS := $(INSTALLED) $(CATALOGUES) $(CHROMIUM) $(AXE) $(PDFTOTEXT) $(HB_SUBSET) $(if $(filter apache,$(TEST_KAFKA)),$(KAFKA_LIBS)/.complete) $(if $(filter yes,$(TEST_VERAPDF)),$(VERAPDF_HOME)/.complete)

test: $(TEST_NEEDS) ## run the whole test suite (TEST_KAFKA=apache for Apache Kafka; TEST_DATABASE_URL adds PostgreSQL; TEST_VERAPDF=yes checks the PDFs with veraPDF)
	TEST_KAFKA=$(TEST_KAFKA) TEST_VERAPDF=$(TEST_VERAPDF) $(BIN)/pytest

screenshots: $(INSTALLED) $(CATALOGUES) $(CHROMIUM) ## render the result page, the booking page and the desk in Dutch into docs/screenshots/ (tests/screenshots.py)
	$(BIN)/python tests/screenshots.py docs/screenshots

lint: $(INSTALLED) ## check style, formatting and types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# mutmut 3 names a mutant by its file's path below src/ and runs the tests on a copy in
# mutants/, so the run happens in .mutation/, where src/ links the three services' packages
# side by side ([tool.mutmut] in pyproject.toml names what is mutated). At most two children:
# the machine is shared.
MUTATION := .mutation
mutation: $(INSTALLED) ## mutation-test the domain packages, booking times and result document against the unit tests (slow; not in `make test`)
	rm -rf $(MUTATION) && mkdir -p $(MUTATION)/src
	$(foreach package,assessment reporting notifications,ln -s ../../services/$(package)/src/$(package) $(MUTATION)/src/$(package) &&) true
	ln -s ../tests $(MUTATION)/tests && ln -s ../pyproject.toml $(MUTATION)/pyproject.toml
	cd $(MUTATION) && ../$(BIN)/mutmut run --max-children 2
	cd $(MUTATION) && ../$(BIN)/python ../tests/mutation_score.py --fail-under 85

bench: $(INSTALLED) $(if $(HAVE_JAVA),$(KAFKA_LIBS)/.complete) ## measure relay (on Tansu and Apache Kafka), latency, submit, scoring, rendering, booking, mail into bench/results/
	$(BIN)/python -m bench.eventing
	$(BIN)/python -m bench.assessment
	$(BIN)/python -m bench.reporting
	$(BIN)/python -m bench.reporting_rulesets
	$(BIN)/python -m bench.reporting_tagging
	$(BIN)/python -m bench.notifications_booking
	$(BIN)/python -m bench.notifications_mail
	$(BIN)/python -m bench.system

lock: ## re-resolve the newest versions into requirements/constraints.txt
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements/dev.txt $(foreach package,$(PACKAGES),-e $(package))
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^pip==' > requirements/constraints.txt
	rm -rf .lock-venv

clean: ## remove the virtual environment, local state (var/) and fetched jars (.cache/: Kafka, veraPDF)
	rm -rf $(VENV) var .cache
