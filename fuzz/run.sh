#!/usr/bin/env bash
# Runs hookseal's fuzz targets, each for SECONDS, and prints executions per target.
#   fuzz/run.sh SECONDS [target …]      (default: every target)
# Seeds the corpora from tests/vectors first (fuzz/seed_corpus.py); a crash
# leaves its input in fuzz/artifacts/<target>/ and fails the run with the
# command that reproduces it. Needs cargo-fuzz (mk/hardening.mk installs it)
# and a nightly toolchain (or, without one, the stable toolchain with
# RUSTC_BOOTSTRAP=1, which cargo-fuzz's flags need).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:?usage: run.sh SECONDS [target ...]}"
shift || true
ALL=(header_values verify custom_scheme event secrets)
TARGETS=("${@:-${ALL[@]}}")
if [ "$#" -eq 0 ]; then TARGETS=("${ALL[@]}"); fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  FUZZ=(cargo +nightly fuzz)
else
  echo "fuzz: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1" >&2
  export RUSTC_BOOTSTRAP=1
  FUZZ=(cargo fuzz)
fi

python3 seed_corpus.py
# Build once; the targets then run as plain binaries, so that a long run never
# rebuilds halfway (the core may change under it in a shared work tree).
nice -n 5 "${FUZZ[@]}" build -O -a
BIN="target/x86_64-unknown-linux-gnu/release"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_odr_violation=0}"
mkdir -p logs artifacts
status=0
summary=()
for t in "${TARGETS[@]}"; do
  log="logs/$t.log"
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s" >&2
  set +e
  nice -n 5 "$BIN/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
    -max_total_time="$SECONDS_PER_TARGET" -dict=hookseal.dict -max_len=16384 \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -1 | awk '{print $2}' || true)
  secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $5}' || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  corpus=$(find "corpus/$t" -type f | wc -l)
  if [ "$rc" -ne 0 ]; then
    status=1
    art=$(grep -oE 'artifacts/[^ ]+' "$log" | tail -1 || true)
    grep -E 'panicked at|ERROR: ' "$log" | head -5 >&2 || true
    summary+=("$(printf '%-15s CRASH (exit %s)  input fuzz/%s  reproduce: fuzz/%s/%s fuzz/%s' "$t" "$rc" "$art" "$BIN" "$t" "$art")")
  else
    rate=$(( ${execs:-0} / ( ${secs:-0} > 0 ? ${secs:-1} : 1 ) ))
    summary+=("$(printf '%-15s %12s execs in %4ss  (%s/s)  coverage %s  corpus %s' "$t" "${execs:-?}" "${secs:-?}" "$rate" "${cov:-?}" "$corpus")")
  fi
done
echo "fuzz summary (${SECONDS_PER_TARGET}s per target; logs in fuzz/logs/):"
printf '  %s\n' "${summary[@]}"
exit "$status"
