#!/usr/bin/env bash
# The whole test suite, as the README's quick start and CI run it:
#   1. install the Debian packages (scripts/install-deps.sh; skip with --no-install),
#   2. build and run every test (unit + integration against real printer peers),
#   3. build and run the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
#   4. build the libFuzzer targets with clang and run each one briefly over its seed corpus.
# Needs root: the integration tests start a D-Bus system bus, avahi-daemon and LPRng lpd.
set -euo pipefail
cd "$(dirname "$0")/.."

install=1
fuzz_seconds=${PRINTLINE_FUZZ_SECONDS:-20}
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    *) echo "usage: $0 [--no-install]" >&2; exit 2 ;;
  esac
done
if [ "$install" = 1 ]; then ./scripts/install-deps.sh; fi

jobs=$(nproc)
passed=0
failed=0

# Runs ctest on a build directory and adds its counts to the totals; a failing suite does not
# stop the script, so one run reports every failure.
run_ctest() {
  local log summary
  log=$(mktemp)
  ctest --output-on-failure --no-tests=error "$@" 2>&1 | tee "$log" || true
  summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  rm -f "$log"
  if [ -z "$summary" ]; then
    echo "test.sh: ctest did not report a result for: $*" >&2
    failed=$((failed + 1))
    return
  fi
  local failed_here total_here
  failed_here=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
  total_here=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$summary")
  passed=$((passed + total_here - failed_here))
  failed=$((failed + failed_here))
}

echo "== 1/3 build and run all tests (unit + integration) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
run_ctest --test-dir build -j 2

echo "== 2/3 unit tests under AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPRINTLINE_SANITIZE=ON \
  -DPRINTLINE_BENCH=OFF >/dev/null
# Only the unit-test programs run here, so only they are built (each test is named after its program).
mapfile -t unit_programs < <(ctest --test-dir build-asan -N -L unit | sed -n 's/^ *Test *#[0-9]*: //p')
cmake --build build-asan -j "$jobs" --target "${unit_programs[@]}"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_ctest --test-dir build-asan -L unit -j 2

echo "== 3/3 fuzz targets, ${fuzz_seconds}s each =="
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRINTLINE_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzzers
while IFS= read -r fuzzer; do
  name=$(basename "$fuzzer" _fuzzer)
  work=$(mktemp -d)
  seeds=()
  [ -d "tests/fuzz/corpus/$name" ] && seeds=("tests/fuzz/corpus/$name")
  echo "-- $name"
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$fuzzer" -max_total_time="$fuzz_seconds" -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$work/" "$work" "${seeds[@]}" >"$work/log" 2>&1; then
    passed=$((passed + 1))
    tail -n 1 "$work/log"
  else
    failed=$((failed + 1))
    tail -n 40 "$work/log"
    echo "test.sh: fuzzer $name found a failure; reproducer in $work" >&2
    continue
  fi
  rm -rf "$work"
done < <(find build-fuzz -type f -name '*_fuzzer' -perm -u+x | sort)

echo
echo "total: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
