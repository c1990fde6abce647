# The Node binding (`bindings-node/`): napi-rs crate `hookseal-node` + the npm package `hookseal`.
#   make setup-node   npm ci (or install) in bindings-node, only when package-lock.json changed
#   make build-node   the native module, release profile, into bindings-node/native/
#   make test-node    generated-types check, fmt/clippy, tsc, node:test (vectors, API, boundary,
#                     a forced panic (debug build with the test-panic feature), helpers on
#                     loopback servers, drop-ins, npm pack + install in a fresh project), then
#                     test-node-versions
#   make test-node-versions  the vectors, API and packed-tarball tests again under Node 18 and 22
#                     (NODE_VERSION_TESTS='test/*.test.cjs' for every test file)
#   make bench-node   benchmark table (bindings-node/bench/node.md)
#   make load-node    20 s loopback load test of an Express receiver (autocannon); not in `make test`
# HOOKSEAL_BACKEND=native|wasm picks the backend the tests run against (default native).
.PHONY: setup-node setup-node-versions build-node test-node test-node-versions bench-node load-node

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

# Node 18 and 22 next to the installed Node (20): the official binaries as the
# npm registry publishes them (package node-<os>-<arch>, which the `node`
# package installs; nodejs.org is not reachable from every build machine),
# unpacked once into a cache outside the repository.
NODE_VERSIONS ?= 18 22
NODE_VERSIONS_DIR ?= $(HOME)/.cache/hookseal/node
NODE_VERSION_TESTS ?= test/vectors.test.cjs test/api.test.cjs test/package.test.cjs

setup-node-versions: setup-node
	@set -e; pkg=node-$$(node -p 'process.platform + "-" + process.arch'); \
	for v in $(NODE_VERSIONS); do \
		if ! "$(NODE_VERSIONS_DIR)/$$v/bin/node" -v >/dev/null 2>&1; then \
			tmp=$$(mktemp -d); \
			( cd "$$tmp" && npm pack --silent "$$pkg@$$v" >/dev/null && tar xzf ./*.tgz ); \
			mkdir -p "$(NODE_VERSIONS_DIR)"; rm -rf "$(NODE_VERSIONS_DIR)/$$v"; \
			mv "$$tmp/package" "$(NODE_VERSIONS_DIR)/$$v"; rm -rf "$$tmp"; \
		fi; \
		echo "setup-node-versions: Node $$("$(NODE_VERSIONS_DIR)/$$v/bin/node" -v) in $(NODE_VERSIONS_DIR)/$$v"; \
	done

build-node: setup-node
	cd $(NODE_DIR) && npx napi build --platform --release --output-dir native --js binding.cjs --dts binding.d.ts

# A debug build with the `test-panic` feature (a `testPanic` export) for
# test/panic.test.cjs: a panic becomes an exception, Node does not abort.
NODE_PANIC_MODULE := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)/hookseal-node-test-panic.node

test-node: build-node
	python3 tools/gen_types_ts.py --check
	cargo fmt -p hookseal-node -- --check
	cargo clippy -p hookseal-node -- -D warnings
	cd $(ROOT) && cargo build -p hookseal-node --features test-panic
	cp $(or $(CARGO_TARGET_DIR),$(ROOT)/target)/debug/libhookseal_node.so $(NODE_PANIC_MODULE)
	cd $(NODE_DIR) && npx tsc -p test/types
	cd $(NODE_DIR) && HOOKSEAL_PANIC_MODULE=$(NODE_PANIC_MODULE) node --expose-gc --test --test-reporter=spec test/*.test.cjs
	$(MAKE) --no-print-directory test-node-versions

# `node` on PATH is the version under test, also for the npm that packs and
# installs the tarball in test/package.test.cjs.
test-node-versions: build-node setup-node-versions
	@set -e; cd $(NODE_DIR); for v in $(NODE_VERSIONS); do \
		echo "test-node-versions: Node $$v"; \
		PATH="$(NODE_VERSIONS_DIR)/$$v/bin:$$PATH" node --expose-gc --test --test-reporter=spec $(NODE_VERSION_TESTS); \
	done

bench-node: build-node
	cd $(NODE_DIR) && node bench/run.mjs --out bench/node.md

load-node: build-node
	cd $(NODE_DIR) && node bench/load.mjs --duration 20

TESTS += test-node
BENCHES += bench-node
