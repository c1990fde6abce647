# The README's quick starts, run as a user would paste them (tests/readme/check_readme.py).
.PHONY: test-readme

test-readme: build-node build-python php-lib build-cli
	python3 tests/readme/check_readme.py

TESTS += test-readme
