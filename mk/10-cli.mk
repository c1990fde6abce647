# The `hookseal` command line (cli/).
.PHONY: build-cli test-cli
HOOKSEAL_CLI := $(ROOT)/target/release/hookseal

build-cli: setup-rust
	cargo build -q --release -p hookseal-cli

test-cli: setup-rust
	cargo fmt -p hookseal-cli -- --check
	cargo clippy -q -p hookseal-cli --all-targets -- -D warnings
	cargo nextest run -p hookseal-cli --no-fail-fast

TESTS += test-cli
