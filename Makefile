# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test demo lint bench bench-quick mutation clean package package-check dist dist-check lint-desktop install-desktop

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "csplanner needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) -m csplanner.qt_libs  # on Linux: names the Debian packages Qt is missing, in one line
	$(VENV)/bin/csplanner $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)
	$(VENV)/bin/lint-imports

demo: $(STAMP)
	$(VENV)/bin/csplanner demo --db demo.sqlite3 --accounts 60 --replace

# BEFORE=<commit>: that commit's code is measured too, in turn with this one, in the same run.
# ONLY="start health": only those scripts (bench/bench_NAME.py).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py $(if $(BEFORE),--before $(BEFORE)) $(if $(ONLY),--only $(ONLY))

# About a minute: start and memory against the floor on a 60-account book only.
bench-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_start.py --sizes 60 --runs 5

# The desktop bundle (packaging/README.md): dist/csplanner/, started as dist/csplanner/csplanner.
package: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,package]'
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/csplanner.spec
	@du -sh dist/csplanner

package-check: $(STAMP)
	@test -e dist/csplanner || $(MAKE) package
	$(PY) packaging/check_bundle.py dist/csplanner

# Wheel and sdist into dist/; dist-check installs the wheel into a throwaway venv and runs it.
dist: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,package]'
	$(PY) -m build --outdir dist .

dist-check: dist
	$(PY) packaging/check_wheel.py dist

lint-desktop:
	desktop-file-validate resources/io.github.csplanner.csplanner.desktop
	appstreamcli validate --no-net resources/io.github.csplanner.csplanner.metainfo.xml

# Launcher, icon and metainfo for the current user (~/.local/share); EXEC=path picks another binary.
EXEC ?= $(abspath $(VENV))/bin/csplanner
install-desktop: $(STAMP)
	$(PY) packaging/install_desktop.py --exec "$(EXEC)"

# Not part of `make test`: it takes a long while. MODULES="health calendar" runs only those;
# MUTATION_JOBS=2 tests two mutants at once.
MUTATION_STAMP := $(VENV)/.mutation-stamp
MUTATION_JOBS ?= 1
$(MUTATION_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,mutation]'
	@touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tools/mutation.py --jobs $(MUTATION_JOBS) --survivors $(MODULES)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache mutants
