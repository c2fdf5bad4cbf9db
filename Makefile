# `make run` starts Debrief; `make test` runs every test. Both set up .venv on first use.
# `make package` builds the .deb; `make bench` measures speed and memory.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# What the goals need from Debian, checked before .venv is made: one complete apt-get line.
DEB_DEPS := $(if $(filter run,$(MAKECMDGOALS)),run) \
	$(if $(filter test bench,$(MAKECMDGOALS)),test) $(if $(filter package,$(MAKECMDGOALS)),package)
export PYTHON

.PHONY: run test lint format clean package bench

$(STAMP): pyproject.toml
	@tools/system-deps.sh venv $(DEB_DEPS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Debrief needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@tools/system-deps.sh run
	$(PY) -m desktop $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: $(STAMP) lint
	@tools/system-deps.sh test
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis

# The .deb: icons rendered, the PyInstaller one-folder build, then dpkg-deb.
package: $(STAMP)
	@tools/system-deps.sh package
	$(PY) packaging/render_icons.py packaging/build/icons
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath packaging/dist \
		--workpath packaging/build packaging/debrief.spec
	$(PY) packaging/build_deb.py

# Speed and memory against a bare PySide6 baseline; prints a table, writes benchmarks/results.md.
bench: $(STAMP)
	@tools/system-deps.sh test
	$(PY) -m benchmarks.run
