# The C ABI (bindings-ffi/, libhookseal) and the PHP library over it (bindings-php/).
#   make setup-php   install PHP, Laravel 8, PHPUnit, valgrind (Debian) and cbindgen, if missing
#   make test-php    build libhookseal, check the header, C smoke test under valgrind, PHPUnit, Laravel over HTTP
#   make bench-php   hookseal through FFI vs hash_hmac + hash_equals, written to bindings-php/bench/php.md
.PHONY: setup-php test-php bench-php php-lib ffi-header

CBINDGEN_VERSION := 0.29.4
PHP_DEBS := php-cli php-laravel-framework phpunit valgrind
# cargo's output directory: target/ unless the caller's environment moved it.
FFI_TARGET := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
HOOKSEAL_SO := $(FFI_TARGET)/release/libhookseal.so
FFI_SMOKE := $(FFI_TARGET)/ffi-smoke
PHP_FFI := php -d ffi.enable=1

setup-php:
	@missing=""; for p in $(PHP_DEBS); do dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "setup-php: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@php -r 'exit(extension_loaded("ffi") ? 0 : 1);' || { echo "setup-php: PHP's FFI extension is missing" >&2; exit 1; }
	@cbindgen --version 2>/dev/null | grep -qx "cbindgen $(CBINDGEN_VERSION)" || \
		cargo install cbindgen --version $(CBINDGEN_VERSION) --locked

php-lib:
	cd $(ROOT) && cargo build --release -p hookseal-ffi

# Regenerates bindings-ffi/include/hookseal.h and hookseal.php.h (commit them).
ffi-header: setup-php
	$(ROOT)/bindings-ffi/gen-header.sh

test-php: setup-php php-lib
	$(ROOT)/bindings-ffi/gen-header.sh --check
	cd $(ROOT) && cargo fmt -p hookseal-ffi -- --check
	cd $(ROOT) && cargo clippy -p hookseal-ffi --all-targets -- -D warnings
	cd $(ROOT) && cargo test -p hookseal-ffi
	mkdir -p $(FFI_SMOKE)
	cc -std=c11 -Wall -Wextra -Werror -g -O1 -I$(ROOT)/bindings-ffi/include $(ROOT)/bindings-ffi/smoke/smoke.c \
		-L$(FFI_TARGET)/release -lhookseal -Wl,-rpath,$(FFI_TARGET)/release -o $(FFI_SMOKE)/smoke
	cc -std=c11 -Wall -Wextra -Werror -O1 -I$(ROOT)/bindings-ffi/include $(ROOT)/bindings-ffi/smoke/smoke.c \
		$(FFI_TARGET)/release/libhookseal.a -lpthread -ldl -lm -o $(FFI_SMOKE)/smoke-static
	python3 $(ROOT)/bindings-ffi/smoke/vectors_to_lines.py > $(FFI_SMOKE)/vectors.txt
	$(FFI_SMOKE)/smoke-static 1700 < $(FFI_SMOKE)/vectors.txt | tail -n 2
	valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		$(FFI_SMOKE)/smoke 1700 < $(FFI_SMOKE)/vectors.txt
	cd $(ROOT)/bindings-php && HOOKSEAL_LIB=$(HOOKSEAL_SO) $(PHP_FFI) /usr/bin/phpunit -c phpunit.xml --testsuite library
	HOOKSEAL_LIB=$(HOOKSEAL_SO) $(ROOT)/bindings-php/tests/laravel-http.sh

bench-php: setup-php php-lib
	HOOKSEAL_LIB=$(HOOKSEAL_SO) $(PHP_FFI) $(ROOT)/bindings-php/bench/bench.php $(ROOT)/bindings-php/bench/php.md

TESTS += test-php
BENCHES += bench-php
