#!/usr/bin/env bash
# The Printline demo (README quick start): the whole fallback-printing story on loopback.
#   1. three real printers (socat RAW sinks on 127.0.0.2-4, one device port as in an office),
#      printline-server, and the desktop clients of Alice and Bob;
#   2. Alice prints while the server is up: the server prints it and charges her;
#   3. the server goes down; Alice prints: automatic fallback to the one printer she uses,
#      with a notification (FP-7a); Bob, who never printed, is asked to choose (FP-7b);
#   4. the server comes back: every fallback job is accounted once, origin "fallback" (FP-1).
# With a display (DISPLAY set, or --xvfb), Alice's and Bob's tray apps (printline-tray) run
# too: Alice's notification and Bob's chooser appear on the desktop as the story goes.
# Needs root for the install step; everything else stays on loopback in a temporary directory.
#
#   scripts/demo.sh [--no-install] [--xvfb] [--no-tray]
#     --xvfb     no desktop here: run the trays on a private Xvfb display, with a private
#                session bus and dunst as notification server, and show what dunst received
#     --no-tray  do not start the tray apps even when a display is available
set -euo pipefail
cd "$(dirname "$0")/.."

install=1 xvfb=0 tray=1
for option in "$@"; do
  case $option in
    --no-install) install=0 ;;
    --xvfb) xvfb=1 ;;
    --no-tray) tray=0 ;;
    *) echo "demo: unknown option $option (--no-install, --xvfb, --no-tray)" >&2; exit 2 ;;
  esac
done
if [ "$install" = 1 ]; then ./scripts/install-deps.sh; fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "Building Printline"
# PRINTLINE_BUILD_DIR and PRINTLINE_BUILD_JOBS: another build directory, fewer compile jobs.
build=$(realpath -m "${PRINTLINE_BUILD_DIR:-build}")
jobs=${PRINTLINE_BUILD_JOBS:-$(nproc)}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target printline printline-server printline-client printline-peers
bin=$build/apps
# The tray is built when Qt 6 is there; it is shown when there is a display to show it on.
tray_reason=""
if [ "$tray" = 0 ]; then
  tray_reason="--no-tray was given"
elif [ -z "${DISPLAY:-}" ] && [ "$xvfb" = 0 ]; then
  tray_reason="there is no display (DISPLAY is not set)"
elif ! grep -q '^printline-tray:' <<<"$(cmake --build "$build" --target help)"; then
  tray_reason="printline-tray is not built: Qt 6 (qt6-base-dev) is missing; run scripts/install-deps.sh"
else
  cmake --build "$build" -j "$jobs" --target printline-tray
fi
printline() { "$bin/printline/printline" "$@"; }
document=/usr/share/cups/data/default-testpage.pdf

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for_port() {  # wait_for_port PORT: until something listens on 127.0.0.1:PORT
  for _ in $(seq 1 200); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "demo: nothing listens on port $1" >&2; return 1
}
# job_field USER TITLE FIELD: a field of USER's job with that title, from `printline jobs --json`.
job_field() {
  printline jobs --json --control-socket "$work/$1/control.sock" |
    python3 -c 'import json,sys; t,f=sys.argv[1:]; print(next((str(j[f]) for j in json.load(sys.stdin) if j["title"]==t),""))' "$2" "$3"
}
wait_for_state() {  # wait_for_state USER TITLE STATE
  for _ in $(seq 1 300); do [ "$(job_field "$1" "$2" state)" = "$3" ] && return 0; sleep 0.1; done
  echo "demo: $1's job \"$2\" did not reach $3 (it is $(job_field "$1" "$2" state))" >&2; return 1
}
copies() { python3 -c 'import sys; d=open(sys.argv[2],"rb").read(); print(open(sys.argv[1],"rb").read().count(d))' "$1" "$document"; }

step "Three printers on loopback, one device port (RAW) on three addresses"
device_port=$(free_port)
"$build/tests/support/printline-peers" "raw@127.0.0.2:$device_port" "raw@127.0.0.3:$device_port" \
  "raw@127.0.0.4:$device_port" >"$work/peers" 2>"$work/peers.log" &
pids+=($!)
for _ in $(seq 1 100); do grep -qx ready "$work/peers" 2>/dev/null && break; sleep 0.1; done
grep -qx ready "$work/peers" || { cat "$work/peers.log" >&2; exit 1; }
output_of() { awk -v a="raw@$1" '$1==a {print $3}' "$work/peers"; }
floor1=$(output_of 127.0.0.2) floor2=$(output_of 127.0.0.3) plotter=$(output_of 127.0.0.4)
say "floor1-mono   socket://127.0.0.2:$device_port"
say "floor2-color  socket://127.0.0.3:$device_port"
say "plotter-a0    socket://127.0.0.4:$device_port"

step "Starting printline-server"
server_port=$(free_port)
server_url=http://127.0.0.1:$server_port
echo "demo-admin-password" >"$work/admin.pw"
start_server() {
  "$bin/printline-server/printline-server" --data "$work/server" --listen "127.0.0.1:$server_port" \
    --admin-password-file "$work/admin.pw" --log-level warn >>"$work/server.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  wait_for_port "$server_port"
}
start_server
say "listening on $server_url (web interface, REST API, IPP queues)"

step "The administrator sets everything up with printline admin (FP-4, FP-5, FP-6)"
export XDG_CONFIG_HOME=$work/admin-config
run printline login --server "$server_url" --user admin --password-file "$work/admin.pw"
run printline admin printers create floor1-mono --uri "socket://127.0.0.2:$device_port" --mono \
  --location "Floor 1 corridor" >/dev/null
run printline admin printers create floor2-color --uri "socket://127.0.0.3:$device_port" --color \
  --location "Floor 2 copy room" >/dev/null
run printline admin printers create plotter-a0 --uri "socket://127.0.0.4:$device_port" --color \
  --paper A0 --location "Floor 2 studio" >/dev/null
run printline admin groups create office --printers floor1-mono,floor2-color,plotter-a0 >/dev/null
run printline admin queues create main --kind direct --printer floor1-mono >/dev/null
run printline admin prices set --price A4:mono=0.10 --price A4:colour=0.50 \
  --price Letter:mono=0.10 --price Letter:colour=0.50 >/dev/null
declare -A full_name=([alice]="Alice Martin" [bob]="Bob Durand")
for user in alice bob; do
  echo "$user-password-1" >"$work/$user.pw"
  run printline admin users create "$user" --name "${full_name[$user]}" \
    --password-file "$work/$user.pw" >/dev/null
  run printline admin users top-up "$user" 10 >/dev/null
done
run printline admin profiles create office --default --server-addresses "$server_url" \
  --client-connect-timeout-ms 1000 --heartbeat-interval-s 1 \
  --fallback-enabled --fallback-group office --release-condition credit-quota \
  --device-protocol raw --device-port "$device_port"

if [ -z "$tray_reason" ] && [ "$xvfb" = 1 ]; then
  step "A private desktop: Xvfb, a session bus and a notification server (dunst)"
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
  pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  export DISPLAY=:$(cat "$work/display")
  export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/session-bus
  dbus-daemon --session --nofork --nopidfile --address="$DBUS_SESSION_BUS_ADDRESS" \
    >"$work/dbus.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [ -S "$work/session-bus" ] && break; sleep 0.1; done
  if command -v dunst >/dev/null; then
    dunst >"$work/dunst.log" 2>&1 &
    pids+=($!)
  fi
  say "display $DISPLAY, session bus $DBUS_SESSION_BUS_ADDRESS"
fi

step "Alice's and Bob's desktop clients start and log in"
for user in alice bob; do
  mkdir -p "$work/$user"
  "$bin/printline-client/printline-client" --state "$work/$user/state" --server "$server_url" \
    --control-socket "$work/$user/control.sock" --log-level warn >"$work/$user/client.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [ -S "$work/$user/control.sock" ] && break; sleep 0.1; done
  XDG_CONFIG_HOME=$work/$user/config run printline login --server "$server_url" --user "$user" \
    --password-file "$work/$user.pw" --control-socket "$work/$user/control.sock"
  # What a desktop app shows, as text: the client's notifications and prompts.
  printline events --control-socket "$work/$user/control.sock" >"$work/$user/events" 2>&1 &
  pids+=($!)
  if [ -z "$tray_reason" ]; then
    "$bin/printline-tray/printline-tray" --control-socket "$work/$user/control.sock" \
      --web-url "$server_url" >"$work/$user/tray.log" 2>&1 &
    pids+=($!)
    say "$user's tray app (printline-tray) runs on display $DISPLAY"
  fi
done
if [ -n "$tray_reason" ]; then
  say "The tray apps are not started: $tray_reason."
  say "To see the notification and the chooser on a desktop, run scripts/demo.sh in a desktop"
  say "session, or scripts/demo.sh --xvfb here; by hand: printline-tray --control-socket SOCKET."
fi
as() { local user=$1; shift; printline "$@" --control-socket "$work/$user/control.sock"; }

step "Online: Alice prints, the server prints it on floor1-mono and charges her"
run as alice print "$document" --title "Quarterly report"
wait_for_state alice "Quarterly report" at-server
run as alice jobs
# The client learns from the server (next heartbeat) that Alice has now printed on floor1-mono.
for _ in $(seq 1 100); do
  as alice printers --fallback --json | python3 -c 'import json,sys; sys.exit(0 if any(p["name"]=="floor1-mono" and p["in_history"] for p in json.load(sys.stdin)) else 1)' && break
  sleep 0.1
done
run as alice printers --fallback

step "The server goes down"
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
for _ in $(seq 1 50); do as alice status --json | grep -q '"online": false' && break; sleep 0.2; done
run as alice status

step "Alice prints again: she only ever used floor1-mono, so it goes there at once (FP-7a, D2)"
run as alice print "$document" --title "Minutes"
wait_for_state alice "Minutes" printed-offline
say "Alice's notification:"
grep -h "notification" "$work/alice/events" | tail -n 1 | sed 's/^/     /'

step "Bob prints: he never printed here and three printers can take it, so he chooses (FP-7b)"
run as bob print "$document" --title "Poster draft"
wait_for_state bob "Poster draft" waiting-for-choice
say "Bob's prompt:"
grep -h "prompt" "$work/bob/events" | tail -n 1 | cut -c1-160 | sed 's/^/     /'
run as bob printers --fallback
run as bob printers --fallback --color
run as bob printers --fallback --search plotter
if [ -z "$tray_reason" ] && [ "$xvfb" = 0 ] && [ -t 0 ]; then
  # Someone watches the desktop: Bob's chooser is open there; give them time to use it.
  say "Bob's chooser is open on your desktop: choose a printer there within 30 s,"
  say "or the demo chooses floor2-color for him."
  for _ in $(seq 1 300); do
    [ "$(job_field bob "Poster draft" state)" != waiting-for-choice ] && break; sleep 0.1
  done
fi
if [ "$(job_field bob "Poster draft" state)" = waiting-for-choice ]; then
  run as bob choose "$(job_field bob "Poster draft" uuid)" floor2-color
fi
wait_for_state bob "Poster draft" printed-offline

if [ -z "$tray_reason" ] && [ "$xvfb" = 1 ] && command -v dunstctl >/dev/null; then
  step "What the desktop's notification server (dunst) received from the tray apps"
  sleep 1
  dunstctl close-all
  dunstctl history | python3 -c 'import json,sys
for n in reversed(json.load(sys.stdin)["data"][0]):
    print("   %s: %s" % (n["summary"]["data"], n["body"]["data"]))'
fi

step "What each printer received (the same PDF, byte for byte)"
say "floor1-mono:  $(copies "$floor1") copies (Alice's report through the server, her minutes in fallback)"
say "floor2-color: $(copies "$floor2") copy   (Bob's poster draft, the printer he chose)"
say "plotter-a0:   $(copies "$plotter") copies"

step "The server comes back: every job printed offline is accounted automatically, once (FP-1, D6)"
start_server
wait_for_state alice "Minutes" accounted
wait_for_state bob "Poster draft" accounted
run as alice jobs
run as bob jobs
run printline admin jobs list --origin fallback
run printline admin users show alice
run printline admin users show bob

step "Done"
echo "Alice's and Bob's jobs printed while the server was down, and each was accounted once when it came back."
echo "More: docs/client.md (how the client decides), docs/cli.md (every command), and the web"
echo "interface that printline-server serves at / (README, screenshots)."
