#!/usr/bin/env bash
# Exploring fuzz campaigns: every libFuzzer target (or the ones named) with a fresh random seed
# for a long time, growing a private corpus. scripts/test.sh's fuzz stage is deterministic and
# short; this is where new crashes are found. A crash is copied into
# tests/fuzz/regressions/<name>/, so that once the code is fixed, committing that input keeps it
# fixed: test.sh replays every file there on every run.
#
#   scripts/fuzz.sh [--minutes N] [--jobs N] [NAME ...]     (default: 10 minutes, every target)
#
# Builds build-fuzz with clang (scripts/install-deps.sh installs it). The grown corpora stay in
# build-fuzz/campaign/<name>/ between campaigns; to keep good new seeds, minimise them into
# tests/fuzz/corpus/<name>/ with `<fuzzer> -merge=1 tests/fuzz/corpus/<name> build-fuzz/campaign/<name>`.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=10
jobs=1
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "usage: $0 [--minutes N] [--jobs N] [NAME ...]" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRINTLINE_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzzers

found=0
while IFS= read -r fuzzer; do
  name=$(basename "$fuzzer" _fuzzer)
  if [ ${#names[@]} -gt 0 ] && [[ ! " ${names[*]} " == *" $name "* ]]; then continue; fi
  corpus=build-fuzz/campaign/$name
  artifacts=build-fuzz/campaign-artifacts/$name
  mkdir -p "$corpus" "$artifacts"
  inputs=()
  for dir in "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name"; do
    [ -d "$dir" ] && inputs+=("$dir")
  done
  seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
  echo "-- $name: ${minutes} min, seed $seed, corpus $corpus"
  # Keep going after a finding (fork mode) so one campaign can report several crashes.
  if ! UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$fuzzer" -seed="$seed" \
      -max_total_time=$((minutes * 60)) -rss_limit_mb=2048 -timeout=10 \
      -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -artifact_prefix="$artifacts/" "$corpus" "${inputs[@]}" >"$artifacts/log" 2>&1; then
    echo "fuzz.sh: $name stopped abnormally; see $artifacts/log" >&2
  fi
  tail -n 1 "$artifacts/log"
  shopt -s nullglob
  for crash in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
    mkdir -p "tests/fuzz/regressions/$name"
    cp "$crash" "tests/fuzz/regressions/$name/"
    echo "fuzz.sh: $name: $(basename "$crash") -> tests/fuzz/regressions/$name/ (reproduce: $fuzzer $crash)"
    rm -f "$crash"
    found=$((found + 1))
  done
  shopt -u nullglob
done < <(find build-fuzz -type f -name '*_fuzzer' -perm -u+x | sort)

if [ "$found" -gt 0 ]; then
  echo "fuzz.sh: $found finding(s). Fix each, then commit its input under tests/fuzz/regressions/." >&2
  exit 1
fi
echo "fuzz.sh: no finding"
