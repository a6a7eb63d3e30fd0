# Two commands do everything on a fresh Debian machine: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench screenshots clean setup package package-smoke

setup:
	@./scripts/bootstrap.sh

demo: setup
	$(BIN)/migrator demo $(ARGS)

test: setup
	$(BIN)/ruff check migrator tests benchmarks scripts
	$(BIN)/ruff format --check migrator tests benchmarks scripts
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m benchmarks $(ARGS)

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache

package:
	packaging/build.sh onedir

package-smoke:
	packaging/smoke_test.sh
