#!/usr/bin/env bash
# The Printline demo (README quick start): installs what is needed, builds, starts three real
# printer peers on loopback (ippeveprinter, LPRng lpd, a socat RAW sink), analyses a real PDF,
# sends it to each printer, checks what each one received, and shows how failures are reported.
# Needs root (the peers need a D-Bus system bus, avahi-daemon and an lpd spool owned by daemon).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-install" ]; then ./scripts/install-deps.sh; fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "Building Printline"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target printline printline-peers
printline=build/apps/printline/printline
document=/usr/share/cups/data/default-testpage.pdf

step "Starting real printer peers on loopback"
work=$(mktemp -d)
peers_pid=
cleanup() {
  if [ -n "$peers_pid" ]; then kill "$peers_pid" 2>/dev/null || true; wait "$peers_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
build/tests/support/printline-peers ipp lpd raw reject >"$work/peers" 2>"$work/peers.log" &
peers_pid=$!
for _ in $(seq 1 300); do
  grep -qx ready "$work/peers" 2>/dev/null && break
  kill -0 "$peers_pid" 2>/dev/null || { cat "$work/peers.log" >&2; exit 1; }
  sleep 0.1
done
grep -qx ready "$work/peers" || { echo "demo: the printer peers did not start" >&2; exit 1; }
declare -A uri output
while read -r name peer_uri peer_output; do
  [ "$name" = ready ] && continue
  uri[$name]=$peer_uri
  output[$name]=$peer_output
  printf '  %-4s %s\n' "$name" "$peer_uri"
done <"$work/peers"

step "What is this job? (printline analyze)"
run "$printline" analyze "$document"

step "Sending it to each printer (printline send)"
for name in ipp lpd raw; do
  run "$printline" send --to "${uri[$name]}" --title "Printline demo ($name)" --user demo "$document"
done

step "What each printer received"
sleep 1  # let lpd hand the job to its output file
same() {  # same LABEL FILE: says whether the printer got exactly the bytes sent
  if [ -n "$2" ] && cmp -s "$document" "$2"; then
    printf '  %-14s identical to the PDF (%s bytes)\n' "$1:" "$(stat -c %s "$2")"
  else
    printf '  %-14s DIFFERENT from the PDF or missing (%s)\n' "$1:" "${2:-nothing spooled}"; return 1
  fi
}
same "RAW sink" "${output[raw]}"
same "LPRng lpd" "${output[lpd]}"
same "ippeveprinter" "$(find "${output[ipp]}" -type f -name '*.pdf' | head -n 1)"

step "A printer that is switched off (exit code 3)"
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run "$printline" send --to "socket://127.0.0.1:$closed_port" --connect-timeout 1000 "$document" || echo "  (exit code $?)"

step "A printer that accepts only its accounting server's jobs (FP-3, exit code 5)"
run "$printline" send --to "${uri[reject]}" "$document" || echo "  (exit code $?)"

step "Done"
echo "Printline delivered the same document over IPP, LPR and RAW, and said why when it could not."
