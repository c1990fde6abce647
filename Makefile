# hookseal — two commands on a fresh machine:
#   make demo   set everything up and run the main job
#   make test   set everything up and pass every test
# Each part of the project adds its own targets in mk/*.mk:
#   TESTS += test-<part>     (run by `make test`)
#   BENCHES += bench-<part>  (run by `make bench`)
#   DEMOS += demo-<part>     (run by `make demo`)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
export PATH := $(HOME)/.cargo/bin:$(PATH)
TESTS :=
BENCHES :=
DEMOS :=

include $(sort $(wildcard $(ROOT)/mk/*.mk))

.PHONY: help test bench demo
help:
	@echo "make demo   — build and run the end-to-end demo"
	@echo "make test   — install what is needed and run every test"
	@echo "make bench  — run the benchmarks"

test: $(TESTS)
	@echo "make test: all parts passed: $(TESTS)"

bench: $(BENCHES)
	@test -x bench/.venv/bin/python || python3 -m venv bench/.venv
	@bench/.venv/bin/python -c 'import matplotlib' 2>/dev/null || bench/.venv/bin/python -m pip install -q matplotlib
	bench/.venv/bin/python tools/bench_report.py

demo: $(DEMOS)
