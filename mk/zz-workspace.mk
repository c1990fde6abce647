# Whole-workspace checks, after every part's own tests.
.PHONY: test-workspace
test-workspace: setup-rust
	cargo fmt --all -- --check
	cargo clippy --workspace --all-features --lib -- -D warnings

TESTS += test-workspace
