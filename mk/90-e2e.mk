# Example receivers, the end-to-end suite and the demo (tests/e2e/run.py).
.PHONY: build-examples-rust test-e2e demo-e2e

build-examples-rust: setup-rust
	cargo build -q --release -p hookseal-example-axum
build-examples-node: ; @for d in $(patsubst %/package.json,%,$(wildcard $(ROOT)/examples/*/package.json)); do cmp -s $$d/package-lock.json $$d/node_modules/.hookseal-lock || { cd $$d && { npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; } && cp package-lock.json node_modules/.hookseal-lock; }; done

test-e2e: build-cli
	python3 tests/e2e/run.py

demo-e2e: build-cli
	python3 tests/e2e/run.py

TESTS += test-e2e
DEMOS += demo-e2e
