# The Python binding (`bindings-python/`): pyo3 crate + the `hookseal` package.
#   make setup-python   venv at bindings-python/.venv with maturin, pytest, the frameworks and the competitors
#   make test-python    build the wheel, install it, generated-file check, fmt/clippy, stubtest, mypy, pytest
#   make bench-python   benchmark table (bindings-python/bench/python.md)
#   make load-python    20 s loopback load test of a Flask receiver under gunicorn
.PHONY: setup-python build-python test-python bench-python load-python

PY_DIR := $(ROOT)/bindings-python
PY_VENV := $(PY_DIR)/.venv
PY := $(PY_VENV)/bin/python
PY_DEPS := maturin>=1.5,<2 pytest flask fastapi uvicorn httpx django mypy \
	standardwebhooks svix stripe gunicorn waitress requests
PY_STAMP := $(PY_VENV)/.hookseal-deps

setup-python:
	@test -x $(PY) || python3 -m venv $(PY_VENV)
	@if [ "$$(cat $(PY_STAMP) 2>/dev/null)" != "$(PY_DEPS)" ]; then \
		$(PY) -m pip install -q --disable-pip-version-check --upgrade pip && \
		$(PY) -m pip install -q --disable-pip-version-check $(foreach d,$(PY_DEPS),'$(d)') && \
		echo "$(PY_DEPS)" > $(PY_STAMP); fi

# The wheel users get (release profile), installed into the venv: tests run against it.
build-python: setup-python
	rm -rf $(PY_DIR)/dist
	cd $(PY_DIR) && $(PY_VENV)/bin/maturin build --release --quiet --out dist
	$(PY) -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $(PY_DIR)/dist/hookseal-*.whl

test-python: build-python
	python3 tools/gen_types_python.py --check
	cargo fmt -p hookseal-python -- --check
	cargo clippy -p hookseal-python -- -D warnings
	cd $(PY_DIR) && $(PY) -m mypy.stubtest hookseal --allowlist stubtest-allowlist.txt --mypy-config-file pyproject.toml
	cd $(PY_DIR) && $(PY) -m mypy --strict --no-incremental -p hookseal
	cd $(PY_DIR) && HOOKSEAL_WHEEL="$$(ls $(PY_DIR)/dist/hookseal-*.whl)" HOOKSEAL_EXPECT_INSTALLED=1 \
		$(PY) -m pytest tests -q

bench-python: build-python
	cd $(PY_DIR) && $(PY) bench/bench.py --out bench/python.md

load-python: build-python
	cd $(PY_DIR) && $(PY) loadtest/run.py --seconds 20

TESTS += test-python
BENCHES += bench-python
