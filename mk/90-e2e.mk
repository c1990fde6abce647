# Example receivers, the end-to-end suite and the demo (tests/e2e/run.py).
.PHONY: build-examples-rust build-examples-node build-examples-nextjs test-e2e demo-e2e

build-examples-rust: setup-rust
	cargo build -q --release -p hookseal-example-axum
build-examples-node: ; @for d in $(patsubst %/package.json,%,$(wildcard $(ROOT)/examples/*/package.json)); do cmp -s $$d/package-lock.json $$d/node_modules/.hookseal-lock || { cd $$d && { npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; } && cp package-lock.json node_modules/.hookseal-lock; }; done

# The Next.js edge example installs the `npm pack` tarball of bindings-node (native and
# WebAssembly builds inside), as a user's `npm install hookseal` would, then `next build`.
NEXT_EXAMPLE := $(ROOT)/examples/nextjs-edge
build-examples-nextjs: build-node build-wasm build-examples-node
	rm -rf $(ROOT)/target/npm && mkdir -p $(ROOT)/target/npm
	cd $(NODE_DIR) && npm pack --silent --pack-destination $(ROOT)/target/npm >/dev/null
	cd $(NEXT_EXAMPLE) && npm install --no-save --no-audit --no-fund --loglevel=error $(ROOT)/target/npm/hookseal-*.tgz
	cd $(NEXT_EXAMPLE) && NEXT_TELEMETRY_DISABLED=1 ./node_modules/.bin/next build >/dev/null

test-e2e: build-cli
	python3 tests/e2e/run.py

demo-e2e: build-cli
	python3 tests/e2e/run.py

TESTS += test-e2e
DEMOS += demo-e2e
