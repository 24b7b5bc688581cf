# netzlotse: `make demo` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Build steps run with development settings; `make demo` serves in demo mode.
DEV_ENV := DEBUG=1

.PHONY: demo test assets lint messages clean chromium pdf-libraries

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end files from the npm registry, served by the app itself.
static/vendor/.copied: node_modules/.installed
	rm -rf static/vendor
	mkdir -p static/vendor/kern static/vendor/htmx
	cp node_modules/@kern-ux/native/dist/kern.min.css static/vendor/kern/
	cp -r node_modules/@kern-ux/native/dist/fonts static/vendor/kern/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	mkdir -p static/vendor/echarts
	cp node_modules/echarts/dist/echarts.min.js static/vendor/echarts/
	touch $@

assets: static/vendor/.copied

demo: $(VENV)/.runtime assets pdf-libraries
	$(DEV_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@# The task worker writes the report exports beside the server, and stops with it.
	$(DEV_ENV) NETZLOTSE_DEMO=1 $(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) NETZLOTSE_DEMO=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian's chromium drives the browser tests; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

# The libraries WeasyPrint draws the PDF certificates with (Pango, from Debian).
pdf-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; fi; }

test: $(VENV)/.test assets chromium pdf-libraries
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.test
	$(BIN)/ruff check .

# Extract and compile the English UI catalogue (German is the source language).
messages: $(VENV)/.runtime
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(DEV_ENV) $(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var
