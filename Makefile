# Two commands matter: `make report` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help venv report test lint unit lab notebooks bench clean

help:
	@echo "make report     extract positions from seeds/ and write reports/report.html"
	@echo "make test       lint + unit tests + notebook regression tests + browser tests"
	@echo "make lab        open JupyterLab on notebooks/"
	@echo "make notebooks  re-execute the notebooks and store their outputs"
	@echo "make bench      run the benchmarks and print their figures"

# The environment is rebuilt only when pyproject.toml or constraints.txt change.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

report: $(STAMP)
	$(BIN)/python -m toolkit report --out reports/report.html

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests scripts benchmarks $(wildcard notebooks/*.ipynb)
	$(BIN)/ruff format --check toolkit tests benchmarks scripts

unit: $(STAMP)
	$(BIN)/python -m pytest tests $(PYTEST_ARGS)

test: lint $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

notebooks: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py notebooks/*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_quality.py
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_report.py

clean:
	rm -rf $(VENV) reports test-artifacts .pytest_cache .ruff_cache
