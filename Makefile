# Thongthin: two commands for a newcomer.
#   make run   install into .venv, prepare SQLite, load the Thai demo, print URLs and credentials, and serve
#   make test  install and run the whole test suite
# Others: make demo (everything but serving), make lint, make bench, make bench-http, make bench-filing,
# make bench-lgos, make messages, make clean.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Two pytest workers: about twice as fast on this 2-core machine. `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n 2
export HOST PORT
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

# Every app keeps its own catalogue (<app>/locale). The project catalogue (locale/) holds only config/ strings:
# Django lets LOCALE_PATHS override every app, so it must not translate anything an app translates.
# The shared templates/ are translated in home's catalogue.
# thai_overrides/ holds a hand-kept catalogue of Wagtail's and Django's strings (no source of its own to scan).
APPS_WITH_LOCALE = $(filter-out thai_overrides,$(patsubst %/locale,%,$(wildcard */locale)))
PROJECT_IGNORE   = --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*' --ignore='static/*' \
                   --ignore='templates/*' --ignore='thai_overrides/*' $(foreach app,$(APPS_WITH_LOCALE),--ignore='$(app)/*')

.PHONY: run install demo serve test lint bench bench-http bench-filing bench-lgos messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: set PYTHON=python3.11")'
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { echo "Python's venv module is missing: sudo apt install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@$(PY) -c 'import weasyprint' 2>/dev/null || { echo "PDFs need the Pango library: sudo apt install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; }
	@touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compiletranslations
	$(PY) manage.py collectstatic --noinput --verbosity 0
	LOG_LEVEL=WARNING $(PY) manage.py load_demo

serve: install
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

run: demo serve

test: install
	$(PY) manage.py compiletranslations --settings=config.settings.test
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) bench/run.py

# Real HTTP: gunicorn with production settings on PostgreSQL and Redis beside a Django hello-world, driven by wrk.
bench-http: install
	$(PY) bench/http_bench.py

# Citizens filing over real HTTP (gunicorn -w 4, production settings): submissions/s, then a check that none was lost.
bench-filing: install
	$(PY) bench/http_filing.py

# 2 LGOs against 7,850 (bulk-copied): host resolution, home, dashboard, LGO list over HTTP, queries, memory. Its own
# target, not part of `make bench`: adding the LGOs alone takes minutes.
bench-lgos: install
	$(PY) bench/lgo_scale.py

# home's catalogue also translates the shared templates/: makemessages only scans below the folder it runs in, so
# templates/ is linked into home/ for the run (followed with --symlinks) and the link removed afterwards.
messages: install
	@for app in $(APPS_WITH_LOCALE); do \
	  echo "== $$app"; \
	  if [ "$$app" = home ]; then ln -sfn ../templates home/templates-shared; fi; \
	  (cd $$app && ../$(PY) ../manage.py makemessages -l th -l en --symlinks); status=$$?; \
	  rm -f home/templates-shared; [ $$status -eq 0 ] || exit 1; done
	@echo "== project (config)"
	$(PY) manage.py makemessages -l th -l en $(PROJECT_IGNORE)
	@echo "Now fill every empty msgstr in */locale/th and locale/th (no fuzzy), then: make test"

clean:
	rm -rf $(VENV) var db.sqlite3
