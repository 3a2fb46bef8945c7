# Two commands matter: `make report` and `make test`. Both build .venv on first use: `make report`
# installs the core library only; `make lab` and `make notebooks` add the [lab] extra, and
# `make test` everything ([test]).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# JupyterLab refuses to start as root (as in many containers) unless told that it may.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

TREEBANK ?= ../shared/treebanks/UD_English-EWT

.PHONY: help venv report test lint unit lab notebooks bench parser clean

help:
	@echo "make report     extract positions from seeds/ and write reports/report.html"
	@echo "make test       lint + unit tests + notebook regression tests + browser tests"
	@echo "make lab        open JupyterLab on notebooks/"
	@echo "make notebooks  re-execute the notebooks and store their outputs"
	@echo "make bench      run the benchmarks and print their figures"
	@echo "make parser     retrain the English parser from TREEBANK=path/to/UD_English-EWT"

# $(VENV)/.core, .lab, .test: installed with those extras; redone when pyproject.toml or
# constraints.txt change. A larger install satisfies a smaller one.
$(VENV)/.%: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.$(if $(filter-out core,$*),[$*])'
	touch $@ $(if $(filter test,$*),$(VENV)/.lab) $(VENV)/.core

venv: $(VENV)/.test

report: $(VENV)/.core
	$(BIN)/python -m toolkit report --out reports/report.html

lint: $(VENV)/.test
	$(BIN)/ruff check toolkit tests scripts benchmarks $(wildcard notebooks/*.ipynb)
	$(BIN)/ruff format --check toolkit tests benchmarks scripts

unit: $(VENV)/.test
	$(BIN)/python -m pytest tests $(PYTEST_ARGS)

test: lint $(VENV)/.test
	$(BIN)/python -m pytest --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

lab: $(VENV)/.lab
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/

notebooks: $(VENV)/.lab
	$(BIN)/python scripts/run_notebooks.py notebooks/*.ipynb

bench: $(VENV)/.test
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_quality.py
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_reviews.py

parser: $(VENV)/.core
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt spacy-lookups-data
	$(BIN)/python scripts/train_parser.py --treebank $(TREEBANK)

clean:
	rm -rf $(VENV) reports test-artifacts .pytest_cache .ruff_cache
