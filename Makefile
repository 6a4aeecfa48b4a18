# Two commands: `make run` and `make test`. Everything else is set up from here.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared

.PHONY: run test install lint bench serve clean

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dateline ingest examples/ --db sqlite:///dateline.db
	$(BIN)/dateline events --db sqlite:///dateline.db --limit 10

# The storage tests run against SQLite and against a throwaway PostgreSQL server
# (scripts/pg-test-server installs Debian's postgresql if needed). `make test PG=0` skips it.
# The browser tests run in Debian's Chromium (scripts/chromium-path installs it if needed);
# `make test BROWSER=0` lets them skip when Chromium is missing.
PG ?= 1
BROWSER ?= 1
ifeq ($(BROWSER),1)
BROWSER_ENV = DATELINE_CHROMIUM=$$(scripts/chromium-path) DATELINE_REQUIRE_BROWSER=1
endif

test: $(STAMP)
	$(BIN)/ruff check .
ifeq ($(PG),1)
	url=$$(scripts/pg-test-server start) && \
	env $(BROWSER_ENV) DATELINE_TEST_PG_URL=$$url DATELINE_REQUIRE_PG=1 $(BIN)/pytest; \
	status=$$?; scripts/pg-test-server stop; exit $$status
else
	env $(BROWSER_ENV) $(BIN)/pytest
endif

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/read.py

serve: $(STAMP)
	$(BIN)/dateline serve --db sqlite:///dateline.db

clean:
	-scripts/pg-test-server stop 2>/dev/null
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
