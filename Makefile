# Set-up and everyday commands. `make run` and `make test` work on a fresh machine:
# they create .venv and install the project from pyproject.toml first (editable, with the
# desktop, server and dev extras). The built translations (*.qm) are committed: after editing a
# .ts file run `make translations` and commit both.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench smoke translations bundle clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[desktop,server,dev]'
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/python -m hembesok_desktop.ui.translations_build

run: $(STAMP)
	$(BIN)/hembesok --demo

test: $(STAMP)
	$(BIN)/ruff check hembesok_desktop tests
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2

bench: $(STAMP)
	mkdir -p .benchmarks
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q tests/benchmarks --benchmark-only \
		--benchmark-enable --benchmark-json=.benchmarks/latest.json
	$(BIN)/python tests/benchmarks/report.py .benchmarks/latest.json

smoke: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/hembesok --smoke

bundle: $(STAMP)
	$(BIN)/python packaging/build.py

clean:
	rm -rf $(VENV) build dist *.egg-info
