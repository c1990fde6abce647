# Example receivers, the end-to-end suite and the demo (tests/e2e/run.py).
.PHONY: build-examples-rust test-e2e demo-e2e

build-examples-rust: setup-rust
	cargo build -q --release -p hookseal-example-axum

test-e2e: build-cli
	python3 tests/e2e/run.py

demo-e2e: build-cli
	python3 tests/e2e/run.py

TESTS += test-e2e
DEMOS += demo-e2e
