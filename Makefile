# Two commands matter: `make run` (demo site) and `make test` (every check).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format check install browser java wrk lrs bench clean messages

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Front-end packages (Chart.js, h5p-standalone) come from package.json; their
# install scripts are not run (h5p-standalone's only insists on yarn). The
# JSON-LD contexts certificates are signed with are written out of their
# packages for the Python side (tools/export-jsonld-contexts.mjs).
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json tools/export-jsonld-contexts.mjs
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	node tools/export-jsonld-contexts.mjs node_modules/.jsonld-contexts.json
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

# A real learning record store for the xAPI tests (ralph), in its own venv.
LRS_VENV ?= .venv-lrs
LRS_STAMP := $(LRS_VENV)/.installed

$(LRS_STAMP): requirements-lrs.txt
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LRS_VENV)/bin/python -m pip install --quiet -r requirements-lrs.txt
	touch $(LRS_STAMP)

lrs: $(LRS_STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	DJANGO_SETTINGS_MODULE=coursesite.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=coursesite.settings.test $(PY) manage.py makemigrations --check --dry-run

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium'"; exit 1; fi; }

# The HTML validity test runs the W3C checker (npm vnu-jar) with Java.
java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Java is missing: run 'sudo apt-get install default-jre-headless'"; exit 1; fi; }

test: lint check browser java lrs
	$(VENV)/bin/pytest

# The benchmark's load comes from Debian's wrk (a Python generator otherwise).
wrk:
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is missing ('sudo apt-get install wrk'): the load comes from Python"; fi; }

bench: install wrk
	$(PY) -m bench

# The interface's translations. Gathers every message of the code and the
# templates into locale/<language>/LC_MESSAGES/django.po (xgettext, from
# Debian's gettext), keeping what is translated, then compiles the .po files
# Django reads (.mo) with Babel. Translators edit the .po files; both are
# committed, so a deploy needs no gettext.
MESSAGE_LANGUAGES ?= fr es af
messages: install
	DJANGO_SETTINGS_MODULE=coursesite.settings.dev $(PY) manage.py makemessages \
	  $(addprefix -l ,$(MESSAGE_LANGUAGES)) --no-obsolete \
	  --ignore='.venv*' --ignore=node_modules --ignore=tests --ignore=bench --ignore=tools
	$(PY) -m babel.messages.frontend compile -d locale -D django

clean:
	rm -rf $(VENV) $(LRS_VENV) node_modules staticfiles .pytest_cache .ruff_cache test-results
