# newsdump: every target sets up what it needs from nothing (a fresh clone).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint golden bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install newsdump with its test tools

demo: $(STAMP)  ## article records for the sample dumps
	$(BIN)/newsdump parse samples/*.txt

test: $(STAMP)  ## the whole suite (unit, samples, seeds if ../shared exists, hypothesis, CLI)
	$(PY) -m pytest

lint: $(STAMP)
	$(BIN)/ruff check cli core tests bench
	$(BIN)/mypy cli core

golden: $(STAMP)  ## regenerate samples/*.jsonl (articles, pages, audit); review with `git diff samples/`
	for f in samples/*.txt; do \
	  stem=$${f%.txt}; \
	  (cd samples && ../$(BIN)/newsdump parse $$(basename $$f) > $$(basename $$stem).articles.jsonl); \
	  (cd samples && ../$(BIN)/newsdump pages $$(basename $$f) > $$(basename $$stem).pages.jsonl); \
	  (cd samples && ../$(BIN)/newsdump audit $$(basename $$f) > $$(basename $$stem).audit.jsonl); \
	done

bench: $(STAMP)  ## parse vs a plain script vs the floor, convert -j1 vs -j2 (BENCH_MB=200)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build *.egg-info
