# The project's commands. `make serve` and `make test` set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KERAS_HOME ?= $(HOME)/.keras
FASHION_MNIST := $(KERAS_HOME)/datasets/fashion-mnist
PACKAGED_FASHION_MNIST := /usr/share/datasets/fashion-mnist
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build deploy test bench lint format lock clean translated bump-report execute-shard merge-shards

setup: $(VENV)/.installed $(FASHION_MNIST)/.seeded $(CHROMIUM)

# Exact versions from requirements.lock: captured outputs depend on them.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Fashion-MNIST from the Debian package, placed where keras.datasets looks for it.
$(FASHION_MNIST)/.seeded:
	test -d $(PACKAGED_FASHION_MNIST) || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq dataset-fashion-mnist; }
	mkdir -p $(FASHION_MNIST)
	cp $(PACKAGED_FASHION_MNIST)/*.gz $(FASHION_MNIST)/
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# The writers' loop executes on TensorFlow only, the backend the prose describes; the
# other backends show their cached runs, or "not yet run". DOCEXEC_BACKENDS= runs all.
DOCEXEC_BACKENDS ?= tensorflow
serve: setup
	DOCEXEC_BACKENDS=$(DOCEXEC_BACKENDS) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

# Build, then push site/ as the one commit of the gh-pages branch of `origin`, which
# GitHub Pages serves; set MKDOCS_REPO_URL and MKDOCS_SITE_URL first (README).
deploy: setup
	$(BIN)/mkdocs gh-deploy --strict --force --no-history

test: setup lint
	$(BIN)/pytest

# Build-speed scenarios on a copy of the project; prints a Markdown table.
bench: setup
	$(BIN)/python benchmarks/build_bench.py

# After bringing a Korean page up to date with its English twin, record the English text
# it now translates: PAGE=docs/x/page.ko.md for one page, every Korean page without it.
translated: $(VENV)/.installed
	$(BIN)/python hooks/stale_translations.py $(PAGE)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/actionlint .github/workflows/*.yml

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-resolve the pinned direct dependencies of pyproject.toml into requirements.lock.
# setuptools is pinned too (torch needs a newer one than venv brings). The CPU build of
# torch calls itself 2.13.0+cpu; the lock asks for 2.13.0, which any build satisfies.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet .
	.lock-venv/bin/pip freeze --all --exclude pip --exclude keras-modeling-docs | \
		sed 's/^torch==\(.*\)+cpu$$/torch==\1/' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .cache

# Sharded execution (README, "shards"): one CI machine runs its share of the snippets,
# another merges the shards' caches, after which a build executes nothing.
execute-shard: setup
	test -n "$(SHARD)" || { echo "usage: make execute-shard SHARD=K/N"; exit 2; }
	$(BIN)/python -m docexec run --shard $(SHARD)

merge-shards: $(VENV)/.installed
	test -n "$(SHARDS)" || { echo "usage: make merge-shards SHARDS='dir1 dir2'"; exit 2; }
	$(BIN)/python -m docexec merge $(SHARDS)

# What a candidate lock file would change in every run and page fact, as a Markdown
# report; builds its own environment under .cache/bump/ and leaves the project's alone.
bump-report: setup
	test -n "$(LOCK)" || { echo "usage: make bump-report LOCK=candidate.lock"; exit 2; }
	$(BIN)/python -m docexec bump-report $(LOCK)
