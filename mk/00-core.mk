# The Rust core (`core/`), the conformance vectors and the generated files.
.PHONY: setup-rust test-core bench-core demo-core check-vectors check-generated

setup-rust:
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@python3 -c 'import cryptography' 2>/dev/null || python3 -m pip install -q cryptography

check-vectors: setup-rust
	python3 tests/vectors/generate.py --check
	@if [ -f tests/vectors/generate_events.py ]; then python3 tests/vectors/generate_events.py --check; fi

check-generated:
	@if [ -f tools/gen_catalogs.py ]; then python3 tools/gen_catalogs.py --check; fi

test-core: setup-rust check-vectors check-generated
	cargo fmt -p hookseal -- --check
	cargo clippy -p hookseal --all-targets --all-features -- -D warnings
	cargo clippy -p hookseal --no-default-features --lib -- -D warnings
	cargo build -p hookseal --no-default-features
	cargo build -p hookseal --no-default-features --features alloc
	cargo build -p hookseal --target wasm32-unknown-unknown --no-default-features --features alloc,ed25519,events
	cargo nextest run -p hookseal --all-features --no-fail-fast
	cargo nextest run -p hookseal --no-default-features --features alloc,ed25519 --no-fail-fast
	cargo test -p hookseal --doc --all-features
	cargo test -p hookseal --release --all-features --test zeroize

bench-core: setup-rust
	mkdir -p bench
	{ echo "# Rust core: verify and sign vs a bare SHA-256 of the same bytes"; echo; \
	  echo "\`cargo bench -p hookseal --bench verify\` (fastest of 15 batches; the last column is throughput relative to SHA-256 alone)."; echo; \
	  cargo bench -q -p hookseal --bench verify 2>/dev/null; } > bench/core.md.tmp
	mv bench/core.md.tmp bench/core.md
	cat bench/core.md

demo-core: setup-rust
	cargo run -q --release -p hookseal --example demo

TESTS += test-core
BENCHES += bench-core
DEMOS += demo-core
