# Two commands: `make run` starts the app, `make test` runs every test.
# Both create .venv, install what is missing and build the index when it is stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 7860

.PHONY: run test setup index browser evals bench clean

run: index
	$(BIN)/python app.py --host $(HOST) --port $(PORT)

test: index browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m evals run --check

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,qdrant,onnx]'
	touch $(STAMP)

index: setup
	$(BIN)/python -m index build --if-stale

# The browser tests drive Debian's chromium; install it when we can (root), else they skip.
browser:
	@command -v chromedriver >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium-driver not installed: browser tests will be skipped"; fi; }

evals: index
	$(BIN)/python -m evals run

bench: index
	$(BIN)/python -m benchmarks run

clean:
	rm -rf $(VENV) .index data out
