# The Node binding (`bindings-node/`): napi-rs crate `hookseal-node` + the npm package `hookseal`.
#   make setup-node   npm ci (or install) in bindings-node, only when package-lock.json changed
#   make build-node   the native module, release profile, into bindings-node/native/
#   make test-node    generated-types check, fmt/clippy, tsc, node:test (vectors, API, helpers on
#                     loopback servers, drop-ins, npm pack + install in a fresh project)
#   make bench-node   benchmark table (bindings-node/bench/node.md)
#   make load-node    20 s loopback load test of an Express receiver (autocannon); not in `make test`
# HOOKSEAL_BACKEND=native|wasm picks the backend the tests run against (default native).
.PHONY: setup-node build-node test-node bench-node load-node

NODE_DIR := $(ROOT)/bindings-node
NODE_STAMP := $(NODE_DIR)/node_modules/.hookseal-lock

setup-node:
	@command -v node >/dev/null || { echo "setup-node: Node.js (>= 18) and npm are needed" >&2; exit 1; }
	@# npm 11 leaves @napi-rs/lzma's other-platform optional packages (a dependency
	@# of @napi-rs/cli) out of the lock file and then refuses `npm ci`; `npm install`
	@# installs exactly the locked versions all the same.
	@if ! cmp -s $(NODE_DIR)/package-lock.json $(NODE_STAMP); then \
		cd $(NODE_DIR) && { npm ci --no-audit --no-fund --loglevel=silent 2>/dev/null \
			|| npm install --no-audit --no-fund --loglevel=error; } && cp package-lock.json $(NODE_STAMP); fi

build-node: setup-node
	cd $(NODE_DIR) && npx napi build --platform --release --output-dir native --js binding.cjs --dts binding.d.ts

test-node: build-node
	python3 tools/gen_types_ts.py --check
	cargo fmt -p hookseal-node -- --check
	cargo clippy -p hookseal-node -- -D warnings
	cd $(NODE_DIR) && npx tsc -p test/types
	cd $(NODE_DIR) && node --expose-gc --test --test-reporter=spec test/*.test.cjs

bench-node: build-node
	cd $(NODE_DIR) && node bench/run.mjs --out bench/node.md

load-node: build-node
	cd $(NODE_DIR) && node bench/load.mjs --duration 20

TESTS += test-node
BENCHES += bench-node
