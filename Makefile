# newsdump: every target sets up what it needs from nothing (a fresh clone).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint golden bench man readme clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install newsdump with its test tools

demo: $(STAMP)  ## article records for the sample dumps (the second site's with its profile)
	$(BIN)/newsdump parse $(filter-out samples/vestnik.txt,$(wildcard samples/*.txt))
	$(BIN)/newsdump parse --profile samples/vestnik.toml samples/vestnik.txt

test: $(STAMP)  ## the whole suite (unit, samples, seeds if ../shared exists, hypothesis, CLI)
	$(PY) -m pytest

lint: $(STAMP)
	$(BIN)/ruff check cli core tests bench
	# mypy cannot follow setuptools' folder mapping: lay the package out as installed, with links.
	rm -rf build/lint && mkdir -p build/lint/newsdump
	ln -s $(CURDIR)/core/* build/lint/newsdump/ && ln -s $(CURDIR)/cli build/lint/newsdump/cli
	cd build/lint && $(CURDIR)/$(BIN)/mypy -p newsdump

golden: $(STAMP)  ## regenerate samples/*.jsonl (articles, pages, audit); NAME.toml beside NAME.txt or NAME/ is its profile
	cd samples && for f in *.txt; do \
	  stem=$${f%.txt}; profile=; \
	  if [ -f $$stem.toml ]; then profile="--profile $$stem.toml"; fi; \
	  ../$(BIN)/newsdump parse $$profile $$f > $$stem.articles.jsonl; \
	  ../$(BIN)/newsdump pages $$profile $$f > $$stem.pages.jsonl; \
	  ../$(BIN)/newsdump audit $$profile $$f > $$stem.audit.jsonl; \
	done
	# A folder NAME/ with NAME.toml beside it: one site's scrape, a page per file, and its learned profile.
	cd samples && for d in */; do \
	  stem=$${d%/}; [ -f $$stem.toml ] || continue; \
	  ../$(BIN)/newsdump parse --profile $$stem.toml $$stem/*.txt > $$stem.articles.jsonl; \
	  ../$(BIN)/newsdump pages --profile $$stem.toml $$stem/*.txt > $$stem.pages.jsonl; \
	  ../$(BIN)/newsdump audit --profile $$stem.toml $$stem/*.txt > $$stem.audit.jsonl; \
	done

bench: $(STAMP)  ## parse -j1/-j2 vs a plain script and the floor on two streams, convert -j1 vs -j2 (BENCH_MB=200); learn on 100 vs 1,000 pages
	# Bytecode, as pip writes it when it installs a wheel: the editable install has none, and
	# with PYTHONDONTWRITEBYTECODE set every run would compile the package again (0.05 s a start).
	$(PY) -m compileall -q core cli > /dev/null
	$(PY) bench/run.py
	$(PY) bench/stages.py bench/data/seedlike-$${BENCH_MB:-200}mb.txt
	$(PY) bench/learn.py

man: $(STAMP)  ## regenerate man/newsdump.1 from the commands' help (the tests check it is current)
	mkdir -p man && $(PY) -m newsdump.cli.help > man/newsdump.1

readme: $(STAMP)  ## rewrite README.md's command reference from the commands' help (the tests check it is current)
	$(PY) -m newsdump.cli.help --readme README.md

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build *.egg-info
