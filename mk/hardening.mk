# Hardening (issue 9): property tests, dudect timing test, bad-input catalog, fuzzing.
#   make test-hardening   bad-input --check, proptests (10 000 cases per property), dudect
#                         (1 000 000 measurements per scheme, ~15 s), short fuzz pass
#                         (5 targets x 40 s = 200 s; FUZZ_SHORT_SECONDS to change)
#   make fuzz             long fuzz run: FUZZ_SECONDS (default 600) per target, execs per target
#   make dudect           the full timing test: 5 000 000 measurements per scheme + text variant
#   make hardening        everything long: proptests x10, full dudect, then `make fuzz`
# The crates hardening/ and fuzz/ are their own workspaces (outside the root one).
.PHONY: setup-fuzz check-bad-input test-hardening-prop test-hardening-fmt dudect-short dudect \
	fuzz-short fuzz test-hardening hardening

HARDENING_DIR := $(ROOT)/hardening
FUZZ_DIR := $(ROOT)/fuzz
HARDENING_CASES ?= 10000
FUZZ_SHORT_SECONDS ?= 40
FUZZ_SECONDS ?= 600
DUDECT_SHORT ?= 1000000
DUDECT_FULL ?= 5000000
HARDENING_CARGO := nice -n 5 cargo

setup-fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	@rustup toolchain list | grep -q '^nightly' || echo "hardening: no nightly toolchain; fuzz/run.sh falls back to RUSTC_BOOTSTRAP=1"

check-bad-input:
	python3 tests/vectors/generate_bad_input.py --check

test-hardening-fmt:
	cd $(HARDENING_DIR) && cargo fmt -- --check
	cd $(FUZZ_DIR) && cargo fmt -- --check

test-hardening-prop:
	cd $(HARDENING_DIR) && HARDENING_CASES=$(HARDENING_CASES) $(HARDENING_CARGO) test --locked

dudect-short:
	cd $(HARDENING_DIR) && $(HARDENING_CARGO) run --locked --release --bin dudect -- --measurements $(DUDECT_SHORT) --fail-above 10

dudect:
	cd $(HARDENING_DIR) && $(HARDENING_CARGO) run --locked --release --bin dudect -- --measurements $(DUDECT_FULL) --text --aa

fuzz-short: setup-fuzz
	$(FUZZ_DIR)/run.sh $(FUZZ_SHORT_SECONDS)

fuzz: setup-fuzz
	$(FUZZ_DIR)/run.sh $(FUZZ_SECONDS)

test-hardening: check-bad-input test-hardening-fmt test-hardening-prop dudect-short fuzz-short

hardening: check-bad-input
	cd $(HARDENING_DIR) && HARDENING_CASES=$$(( $(HARDENING_CASES) * 10 )) $(HARDENING_CARGO) test --locked
	$(MAKE) --no-print-directory dudect
	$(MAKE) --no-print-directory fuzz

TESTS += test-hardening
