# Two entry points: `make demo` and `make test`. Both call `make setup` first.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh "$(PYTHON)" "$(VENV)"
	touch $(STAMP)

demo: setup
	$(BIN)/tidings demo --db demo.db --port $(PORT)

test: setup
	bash scripts/system-deps.sh
	bash scripts/test.sh "$(VENV)"

lint: setup
	$(BIN)/ruff check src tests scripts training eval

bench: setup
	$(BIN)/tidings bench

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
