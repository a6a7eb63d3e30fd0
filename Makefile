# Two commands do everything on a fresh Debian machine: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench screenshots translations clean setup package package-smoke

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
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py --lang de --only 30-workspace-overview 34-workspace-plan --out docs/screenshots/de

# The UI's translations: refresh resources/translations/migrator_<lang>.ts from the sources
# (new texts arrive unfinished; `make translations NEW=fr` starts a French catalogue), then
# compile each into migrator/gui/translations/*.qm, which ships in the wheel and the bundle.
TS_FILES = $(sort $(wildcard resources/translations/migrator_*.ts) $(if $(NEW),resources/translations/migrator_$(NEW).ts))
translations: setup
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $$(find migrator/gui -name '*.py' | sort) -ts $(TS_FILES)
	@mkdir -p migrator/gui/translations
	for ts in $(TS_FILES); do \
		$(BIN)/pyside6-lrelease $$ts -qm migrator/gui/translations/$$(basename $$ts .ts).qm || exit 1; \
	done

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache

package:
	packaging/build.sh onedir

package-smoke:
	packaging/smoke_test.sh
