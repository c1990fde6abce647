# The WebAssembly binding (`bindings-wasm/`): crate `hookseal-wasm` (wasm-bindgen), the backend of
# the npm package's edge, browser and Deno entries and of `hookseal/wasm` in Node.
#   make setup-wasm   wasm32 target, wasm-bindgen-cli (the version in Cargo.lock), Debian's chromium,
#                     bindings-wasm/node_modules (runtimes, bundlers, binaryen, competitors)
#   make build-wasm   both builds (HMAC; HMAC + Ed25519), glue and inline bytes into bindings-node/wasm/
#   make test-wasm    fmt/clippy; the Node package's node:test suite with HOOKSEAL_BACKEND=wasm; a
#                     100 000-round run whose memory must stay flat (test/heap.test.cjs); the
#                     scratch area (test/scratch.test.cjs: large bodies, non-ASCII values); the
#                     packed package in Node ESM/CJS, edge-runtime, workerd (miniflare), Deno, Bun,
#                     headless Chromium and a Next.js app (Turbopack and webpack builds); sizes
#   make bench-wasm   wasm vs standardwebhooks / svix / WebCrypto (bindings-wasm/bench/wasm.md)
.PHONY: setup-wasm build-wasm test-wasm bench-wasm size-wasm

WASM_DIR := $(ROOT)/bindings-wasm
WASM_STAMP := $(WASM_DIR)/node_modules/.hookseal-lock
WASM_TMP := $(WASM_DIR)/test/.tmp
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' $(ROOT)/Cargo.lock)

setup-wasm: setup-rust setup-node
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@want="$(WASM_BINDGEN_VERSION)"; test -n "$$want" || { echo "setup-wasm: no wasm-bindgen in Cargo.lock" >&2; exit 1; }; \
		if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$$want" ]; then \
			cargo install wasm-bindgen-cli --version "$$want"; fi
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@# `npm install --no-save` from the lock file, not `npm ci`: this npm writes lock files without the
	@# other platforms' optional packages (@deno/*, @next/swc-*), which `npm ci` then calls out of sync.
	@if ! cmp -s $(WASM_DIR)/package-lock.json $(WASM_STAMP); then \
		cd $(WASM_DIR) && npm install --no-save --no-audit --no-fund --loglevel=error && cp package-lock.json $(WASM_STAMP); fi

build-wasm: setup-wasm
	bash $(WASM_DIR)/scripts/build.sh

# Servers started by the runtime tests are recorded in $(WASM_TMP)/pids/<process group>; the trap
# kills whatever is left there on every exit path, also when a test process itself was killed.
test-wasm: build-wasm build-node
	cargo fmt -p hookseal-wasm -- --check
	cargo clippy -p hookseal-wasm --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p hookseal-wasm --target wasm32-unknown-unknown --no-default-features --features replay-guard -- -D warnings
	cd $(NODE_DIR) && HOOKSEAL_BACKEND=wasm node --test --test-reporter=spec test/*.test.cjs
	cd $(WASM_DIR) && node --test --test-reporter=spec test/heap.test.cjs test/scratch.test.cjs
	cd $(WASM_DIR) && node test/runtimes/pack.mjs
	@kill_left() { for f in $(WASM_TMP)/pids/*; do [ -e "$$f" ] || continue; \
		kill -KILL -- "-$$(basename "$$f")" 2>/dev/null || true; rm -f "$$f"; done; }; \
	trap kill_left EXIT INT TERM; \
	cd $(WASM_DIR) && node --test --test-reporter=spec --test-concurrency=1 --test-timeout=900000 test/runtimes/*.test.mjs
	cd $(WASM_DIR) && node scripts/size.mjs --check

# Both pack the package first: size.mjs measures the packed package, and a pack
# left from an earlier build reported that build's size.
size-wasm: build-wasm build-node
	cd $(WASM_DIR) && node test/runtimes/pack.mjs
	cd $(WASM_DIR) && node scripts/size.mjs --out bench/size.md

bench-wasm: build-wasm build-node
	cd $(WASM_DIR) && node test/runtimes/pack.mjs
	cd $(WASM_DIR) && node scripts/size.mjs --out bench/size.md
	cd $(WASM_DIR) && node bench/wasm.mjs --out bench/wasm.md

TESTS += test-wasm
BENCHES += bench-wasm
