#!/usr/bin/env bash
# The whole test suite, as the README's quick start and CI run it:
#   1. install the Debian packages (scripts/install-deps.sh; skip with --no-install),
#   2. build and run every test (unit + integration against real printer peers),
#   3. build once more with clang under AddressSanitizer + UndefinedBehaviorSanitizer, every library
#      instrumented for libFuzzer: run the unit tests there, then replay every known crash and a
#      fixed-seed run of each fuzz target (exploring campaigns with fresh inputs: scripts/fuzz.sh).
# Needs root: the integration tests start a D-Bus system bus, avahi-daemon and LPRng lpd.
set -euo pipefail
cd "$(dirname "$0")/.."

install=1
# In CI (CI=true, or --strict) every suite must be built and nothing may skip: a skipped test or
# a suite left out at configure time because a tool is missing is a failure, not a pass.
strict=0
[ "${CI:-}" = "true" ] && strict=1
# The fuzz stage's fixed seed, the inputs per target unless tests/fuzz/ci-runs.txt says otherwise,
# and a time cap that only a much slower machine reaches.
fuzz_seed=${PRINTLINE_FUZZ_SEED:-20261202}
fuzz_default_runs=${PRINTLINE_FUZZ_RUNS:-100000}
fuzz_time_cap=${PRINTLINE_FUZZ_TIME_CAP:-90}
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    --strict) strict=1 ;;
    *) echo "usage: $0 [--no-install] [--strict]" >&2; exit 2 ;;
  esac
done
if [ "$install" = 1 ]; then ./scripts/install-deps.sh; fi

jobs=$(nproc)
passed=0
failed=0
skipped=0
require_all=OFF
[ "$strict" = 1 ] && require_all=ON

# Runs ctest on a build directory and adds its counts to the totals; a failing suite does not
# stop the script, so one run reports every failure.
run_ctest() {
  local log summary
  log=$(mktemp)
  ctest --output-on-failure --no-tests=error "$@" 2>&1 | tee "$log" || true
  summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  local skipped_here
  skipped_here=$(grep -cE '^[[:space:]]*[0-9]+ - .* \(Skipped\)$' "$log" || true)
  rm -f "$log"
  if [ -z "$summary" ]; then
    echo "test.sh: ctest did not report a result for: $*" >&2
    failed=$((failed + 1))
    return
  fi
  local failed_here total_here
  failed_here=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
  total_here=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$summary")
  # ctest counts a skipped test among the passed ones.
  passed=$((passed + total_here - failed_here - skipped_here))
  failed=$((failed + failed_here))
  if [ "$skipped_here" -gt 0 ] && [ "$strict" = 1 ]; then
    echo "test.sh: $skipped_here test program(s) skipped; in CI a skip is a failure (see 'did not run' above)" >&2
    failed=$((failed + skipped_here))
  else
    skipped=$((skipped + skipped_here))
  fi
}

# CI needs line tables for a stack trace, not full debug information: -g1 and -gline-tables-only
# keep every build here a good deal shorter than -g.
echo "== 1/3 build and run all tests (unit + integration) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DPRINTLINE_REQUIRE_ALL_SUITES="$require_all" >/dev/null
cmake --build build -j "$jobs"
run_ctest --test-dir build -j 2

# One sanitizer build serves stages 2 and 3: clang, ASan + UBSan, libraries instrumented for
# libFuzzer (the unit tests link them without the fuzzer's main), at -O0 because here compiling
# costs more than running.
echo "== 2/3 unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang) =="
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRINTLINE_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DPRINTLINE_BENCH=OFF \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -gline-tables-only -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O0 -gline-tables-only -DNDEBUG" \
  -DPRINTLINE_REQUIRE_ALL_SUITES="$require_all" >/dev/null
# Only the unit-test programs run here, so only they are built (each test is named after its program).
mapfile -t unit_programs < <(ctest --test-dir build-sanitize -N -L unit | sed -n 's/^ *Test *#[0-9]*: //p')
cmake --build build-sanitize -j "$jobs" --target "${unit_programs[@]}" fuzzers
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_ctest --test-dir build-sanitize -L unit -j 2

echo "== 3/3 fuzz targets: every known crash, then a fixed-seed run (tests/fuzz/ci-runs.txt) =="
# Deterministic on purpose: the same seed and the same number of inputs on every run, over the
# seed corpus and every crash found so far (tests/fuzz/regressions/<name>/), so a landing never
# fails because this run happened to explore somewhere new. Exploring is scripts/fuzz.sh's job.
while IFS= read -r fuzzer; do
  name=$(basename "$fuzzer" _fuzzer)
  runs=$(awk -v n="$name" '$1 == n { print $2 }' tests/fuzz/ci-runs.txt)
  runs=${runs:-$fuzz_default_runs}
  work=$(mktemp -d)
  inputs=()
  for dir in "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name"; do
    [ -d "$dir" ] && inputs+=("$dir")
  done
  echo "-- $name ($runs inputs, seed $fuzz_seed)"
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$fuzzer" -seed="$fuzz_seed" -runs="$runs" \
      -max_total_time="$fuzz_time_cap" -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$work/" "$work" "${inputs[@]}" >"$work/log" 2>&1; then
    passed=$((passed + 1))
    tail -n 1 "$work/log"
    if ! grep -q "^Done $runs runs" "$work/log"; then
      echo "test.sh: $name stopped at its ${fuzz_time_cap}s cap before $runs inputs; lower its count in tests/fuzz/ci-runs.txt" >&2
    fi
  else
    failed=$((failed + 1))
    tail -n 40 "$work/log"
    echo "test.sh: fuzzer $name failed; the input is in $work. Fix the code, then keep the input in tests/fuzz/regressions/$name/ so it stays fixed." >&2
    continue
  fi
  rm -rf "$work"
done < <(find build-sanitize -type f -name '*_fuzzer' -perm -u+x | sort)

echo
if [ "$skipped" -gt 0 ]; then
  echo "total: ${passed} passed, ${failed} failed, ${skipped} skipped"
else
  echo "total: ${passed} passed, ${failed} failed"
fi
[ "$failed" -eq 0 ]
