# Thongthin: two commands for a newcomer.
#   make run   install into .venv, prepare SQLite, load the Thai demo, print credentials and serve
#   make test  install and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run install demo serve test test-postgres lint bench messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compiletranslations
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

test: install
	$(PY) manage.py compiletranslations --settings=config.settings.test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

messages: install
	$(PY) manage.py makemessages -l th -l en --ignore='.venv/*' --ignore='var/*'
	$(PY) manage.py compiletranslations

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var db.sqlite3
