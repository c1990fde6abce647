# Hardening (issue 9): property tests, dudect timing test, bad-input catalog, fuzzing.
#   make test-hardening   bad-input --check, proptests (10 000 cases per property), dudect
#                         (1 000 000 measurements per scheme, ~15 s), short fuzz pass
#                         (5 targets x 40 s = 200 s; FUZZ_SHORT_SECONDS to change), rss-short
#                         (~10 s once build-node and build-python have run, ~25 s with the wheel)
#   make fuzz             long fuzz run: FUZZ_SECONDS (default 600) per target, execs per target
#   make dudect           the full timing test: 5 000 000 measurements per scheme + text variant
#   make hardening        everything long: proptests x10, full dudect, then `make fuzz`
#   make leaks            the C smoke test and PHPUnit's library suite (PHP FFI -> libhookseal)
#                         under valgrind, leaks split into hookseal's frames and PHP's; a Node
#                         and a Python loop of LEAKS_N (1 000 000) mixed verifications, RSS
#                         sampled every LEAKS_N/10 and flat after the first 2/10 (< 4 MB)
#   make rss-short        the two RSS loops with LEAKS_SHORT_N (400 000), flat after the first
#                         LEAKS_SHORT_WARMUP (200 000, as in the long run: V8's heap is still
#                         growing at 40 000); ~12 s after the builds
# The crates hardening/ and fuzz/ are their own workspaces (outside the root one).
.PHONY: setup-fuzz check-bad-input test-hardening-prop test-hardening-fmt dudect-short dudect \
	fuzz-short fuzz test-hardening hardening leaks leaks-c leaks-php rss-node rss-python rss-short

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

LEAKS_N ?= 1000000
LEAKS_SHORT_N ?= 400000
LEAKS_SHORT_WARMUP ?= 200000
LEAKS_DIR = $(FFI_TARGET)/leaks
VALGRIND_LEAKS := valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible --num-callers=30

leaks-c: setup-php php-lib
	mkdir -p $(FFI_SMOKE) $(LEAKS_DIR)
	cc -std=c11 -Wall -Wextra -Werror -g -O1 -I$(ROOT)/bindings-ffi/include $(ROOT)/bindings-ffi/smoke/smoke.c \
		-L$(FFI_TARGET)/release -lhookseal -Wl,-rpath,$(FFI_TARGET)/release -o $(FFI_SMOKE)/smoke
	python3 $(ROOT)/bindings-ffi/smoke/vectors_to_lines.py > $(FFI_SMOKE)/vectors.txt
	$(VALGRIND_LEAKS) --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=1 --log-file=$(LEAKS_DIR)/c-smoke.log \
		$(FFI_SMOKE)/smoke 1700 < $(FFI_SMOKE)/vectors.txt | tail -n 1
	python3 $(HARDENING_DIR)/leaks/valgrind_summary.py $(LEAKS_DIR)/c-smoke.log --fail-on-ours

# PHP's own allocator off (USE_ZEND_ALLOC=0) so that valgrind sees every allocation.
leaks-php: setup-php php-lib
	mkdir -p $(LEAKS_DIR)
	cd $(ROOT)/bindings-php && USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 HOOKSEAL_LIB=$(HOOKSEAL_SO) \
		$(VALGRIND_LEAKS) --log-file=$(LEAKS_DIR)/php-valgrind.log \
		$(PHP_FFI) -d pcre.jit=0 /usr/bin/phpunit -c phpunit.xml --testsuite library | tail -n 3
	python3 $(HARDENING_DIR)/leaks/valgrind_summary.py $(LEAKS_DIR)/php-valgrind.log --fail-on-ours

rss-node: build-node
	node --expose-gc $(HARDENING_DIR)/leaks/rss_node.cjs $(LEAKS_N)

rss-python: build-python
	$(PY) $(HARDENING_DIR)/leaks/rss_python.py $(LEAKS_N)

rss-short:
	HOOKSEAL_RSS_WARMUP=$(LEAKS_SHORT_WARMUP) $(MAKE) --no-print-directory rss-node rss-python LEAKS_N=$(LEAKS_SHORT_N)

leaks: leaks-c leaks-php rss-node rss-python

test-hardening: check-bad-input test-hardening-fmt test-hardening-prop dudect-short fuzz-short rss-short

hardening: check-bad-input
	cd $(HARDENING_DIR) && HARDENING_CASES=$$(( $(HARDENING_CASES) * 10 )) $(HARDENING_CARGO) test --locked
	$(MAKE) --no-print-directory dudect
	$(MAKE) --no-print-directory fuzz

TESTS += test-hardening
