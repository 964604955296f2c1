# Tandem: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the whole suite.
# Both create the virtual environment (.venv) and install Tandem into it when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test test-postgres setup demo bench bench-comparisons bench-load bench-reports bench-study bench-findings bench-respondent lint translations check clean mutation

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) translations

translations: $(STAMP)
	$(PY) manage.py compile_translations

# The embedded SQLite database lives in var/; loading is idempotent, so `make run` can be repeated.
demo: setup
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_reference
	DEBUG=1 $(PY) manage.py load_catalogue
	DEBUG=1 $(PY) manage.py load_demo

# The demo sends its mail (to the console) inside the request, so it needs no worker beside it.
run: demo
	DEBUG=1 TANDEM_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend \
		$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Same suite on PostgreSQL (TANDEM_TEST_DATABASE_URL, default: the local server).
test-postgres: setup
	TANDEM_TEST_DATABASE_URL=$${TANDEM_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tandem} \
		$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/matrix.py

# The benchmarking pages (issue 5) over 565 pairs and 10 campaigns, on PostgreSQL.
bench-comparisons: setup
	$(PY) benchmarks/comparisons.py $(BENCH_ARGS)

bench-load: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) benchmarks/questionnaire_load.py $(BENCH_ARGS)

bench-reports: setup
	$(PY) benchmarks/reports.py $(BENCH_ARGS)

# The study report (issue 17) for 565 pairs × 77 aspects; the findings page (issue 17.1).
bench-study: setup
	$(PY) benchmarks/study_report.py $(BENCH_ARGS)

bench-findings: setup
	$(PY) benchmarks/findings.py $(BENCH_ARGS)

# The respondent's pages (issue 13): time and queries per request, in one process.
bench-respondent: setup
	$(PY) benchmarks/respondent_pages.py $(BENCH_ARGS)

# QUALITY.md T1: mutmut plants faults in the modules of [tool.mutmut] (pyproject.toml) and
# benchmarks/mutation_report.py prints the kill rate per module. Hours on two cores, never in CI;
# MUTATION_ARGS='"tandem.synergies.savings*"' limits a run to some modules. Private SQLite files.
MUTATION_VAR_DIR ?= /tmp/tandem-mutation
mutation: setup
	$(PY) -m pip install --quiet -e '.[mutation]'
	mkdir -p $(MUTATION_VAR_DIR)
	rm -f $(MUTATION_VAR_DIR)/test-tandem.sqlite3*
	TANDEM_VAR_DIR=$(MUTATION_VAR_DIR) TANDEM_SEEDS_DIR=$(abspath ../shared/seeds) \
		$(VENV)/bin/mutmut run --max-children 1 $(MUTATION_ARGS)
	$(PY) benchmarks/mutation_report.py

# mypy checks the files that [tool.mypy] in pyproject.toml names: core, analysis, formats and
# every services/queries module.
lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks
	$(PY) -m mypy

check: setup
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
