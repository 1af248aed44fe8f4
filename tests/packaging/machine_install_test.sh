#!/usr/bin/env bash
# machine_install_test: the Debian packages installed on this machine for real (issue 15, "Tests"),
# as far as a machine without systemd as PID 1 allows.
#
#  1. scripts/package.sh --no-build packages ctest's build; `dpkg -i` installs printline-server,
#     printline-client (and printline-tray) — a failing dpkg -i fails the test (the
#     dependencies come from scripts/install-deps.sh; no apt-get here). The client's postinst
#     runs CUPS's lpadmin against a real, private cupsd (its ServerBin is the machine's
#     /usr/lib/cups, so it runs the installed backend as root): the queue "Printline" on
#     printline:/ exists. The server's postinst made the system user printline and
#     /var/lib/printline 0700 printline:printline, and enabled the unit (its wants symlink);
#     the client's enabled the user unit for every user.
#  2. `systemd-analyze verify --man=no` on every installed unit: no error, no warning.
#  3. The server starts the way its installed unit says: ExecStart with $PRINTLINE_SERVER_OPTS
#     from the unit's EnvironmentFile (/etc/default/printline-server: a loopback --listen),
#     as its User/Group, UMask, NoNewPrivileges and empty capability bounding set (setpriv).
#     It serves HTTPS with the self-signed certificate it made (key 0600, printline's): the
#     fingerprint it logs is the one openssl s_client is served, and `printline login
#     --accept-fingerprint` pins it.
#  4. A printer peer (ippeveprinter), a server queue on it, a user with credit and a profile
#     (printline admin over HTTPS); a local test account runs printline-client the way the user
#     unit does (%h/.config/printline/client.json, /run/user/UID/printline/control.sock) and
#     logs in; CUPS's lp, as that account, prints to "Printline": the job goes cupsd → the
#     installed backend → the client → the server → the printer, which receives the document
#     byte for byte; the server has it printed and the user's ledger has its one charge.
#  5. Upgrade: the same build packaged again with a higher --version, `dpkg -i`; the queue,
#     the account and the data stay; the server, started again by its unit's ExecStart (now
#     with --log-file /var/log/printline/server.log), keeps its certificate and has the same
#     users and ledger; a second job prints through the upgraded packages.
#  6. logrotate -f with the installed /etc/logrotate.d/printline-server: the log is moved to
#     server.log.1, the postrotate's SIGHUP (systemctl fails here: its pkill fallback) makes the
#     server write its next lines to a new server.log.
#  7. `dpkg --purge`: no package state, none of their files, no /var/lib/printline, no
#     /var/log/printline, no Printline queue, no unit enablement; the printline user and group
#     are gone (postrm deletes them; docs/install.md says so).
# Everything is cleaned up on failure too (trap): processes stopped, packages purged, the test
# account removed. Loopback only. Missing tools are failures, never skips.
set -euo pipefail
: "${PRINTLINE_BUILD_DIR:?}" "${PRINTLINE_SOURCE_DIR:?}" "${PRINTLINE_EXPECT_TRAY:?}" "${PRINTLINE_PEERS:?}"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "machine_install_test installs packages: run it as root"

# CUPS's lpadmin, lpstat and lp (cups-client conflicts with lprng: unpacked by install-deps.sh).
cups_tools=/usr/local/lib/printline-test-tools/cups-client/usr
for tool in dpkg dpkg-deb dpkg-query systemd-analyze setpriv runuser useradd userdel logrotate \
    pkill openssl python3 /usr/sbin/cupsd "$cups_tools/sbin/lpadmin" "$cups_tools/bin/lpstat" \
    "$cups_tools/bin/lp" "$PRINTLINE_PEERS"; do
  command -v "$tool" >/dev/null || die "$tool is missing; run scripts/install-deps.sh"
done

packages=(printline-server printline-client)
[ "$PRINTLINE_EXPECT_TRAY" = 1 ] && packages+=(printline-tray)
# A run killed before its cleanup leaves this behind; its packages and account are then ours.
marker=/var/lib/printline-machine-install-test
test_user=printline-mit
installed() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qvx 'not-installed'; }
for package in "${packages[@]}"; do
  if installed "$package" && [ ! -e "$marker" ]; then
    die "$package is installed on this machine; this test installs and purges the packages:" \
      "purge them first (dpkg --purge ${packages[*]})"
  fi
done
if [ ! -e "$marker" ]; then
  getent passwd "$test_user" >/dev/null && die "the account $test_user exists; this test makes and deletes it"
  [ -e /etc/default/printline-server ] && die "/etc/default/printline-server exists; this test writes it"
fi

work=$(mktemp -d)
chmod 0755 "$work"  # the test account's home is below it
pids=()
server_pid=
cupsd_pid=
client_pid=
test_uid=
created_run_user=0
made_dirs=()
cleanup() {
  set +e
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  if [ -e "$marker" ]; then
    # With cupsd still up, so that prerm deletes the queue it made.
    for package in printline-tray printline-client printline-server; do
      installed "$package" && dpkg --purge "$package" >>"$work/cleanup.log" 2>&1
    done
    getent passwd "$test_user" >/dev/null && userdel --force "$test_user" >>"$work/cleanup.log" 2>&1
    [ -n "$test_uid" ] && rm -rf "/run/user/$test_uid"
    [ "$created_run_user" = 1 ] && rmdir /run/user
    for dir in "${made_dirs[@]}"; do rm -rf "$dir"; done
    rm -f /etc/default/printline-server "$marker"
  fi
  [ -n "$cupsd_pid" ] && kill "$cupsd_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
if [ -e "$marker" ]; then
  # Leftovers of a killed run (the marker was there): gone before anything starts.
  for package in printline-tray printline-client printline-server; do
    installed "$package" && { dpkg --purge "$package" >/dev/null 2>&1 || die "could not purge a leftover $package"; }
  done
  getent passwd "$test_user" >/dev/null && userdel --force "$test_user"
  rm -rf /var/lib/printline /var/log/printline /etc/default/printline-server
fi
touch "$marker"
# Every path named after Printline outside the work trees, before anything is installed: the
# purge must come back to exactly this.
printline_paths() {
  find /etc /usr /var /opt -xdev \( -path /var/tmp -o -path /var/cache/apt -o -path /usr/local/lib/printline-test-tools \) \
    -prune -o -iname '*printline*' -print 2>/dev/null | grep -vx "$marker" | sort || true
}
printline_paths >"$work/paths-before"
created_run_user=0
[ -d /run/user ] || created_run_user=1
# What the packages (or systemd, for LogsDirectory) make and purge deletes: deleted by the
# cleanup too when the test stopped before its purge, or the purge failed to.
made_dirs=()
for dir in /var/lib/printline /var/log/printline; do [ -e "$dir" ] || made_dirs+=("$dir"); done

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_for DESCRIPTION SECONDS COMMAND...: until COMMAND succeeds, or a failure at the deadline.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then fail "$what within $seconds s"; return 1; fi
    sleep 0.1
  done
}

# --- A real, private cupsd whose ServerBin is the machine's: it runs the installed backend ---
# The maintainer scripts and the test's lp/lpstat reach it (dpkg passes CUPS_SERVER on).
export PATH="$cups_tools/sbin:$cups_tools/bin:$PATH"
# shellcheck source=tests/packaging/private_cupsd.sh
. "$PRINTLINE_SOURCE_DIR/tests/packaging/private_cupsd.sh"
cups="$work/cups"
start_private_cupsd "$cups" /usr/lib/cups

# --- 1. Build and install the packages ---
# build_packages DIR [PACKAGE.SH OPTIONS]: ctest's build packaged into DIR; sets debs (in
# the order of packages).
build_packages() {
  local dir=$1; shift
  "$PRINTLINE_SOURCE_DIR/scripts/package.sh" --no-build --build-dir "$PRINTLINE_BUILD_DIR" \
    --output "$dir" "$@" >"$dir.log" 2>&1 || { cat "$dir.log"; die "package.sh $* failed"; }
  debs=()
  local package deb
  for package in "${packages[@]}"; do
    deb=$(ls "$dir/${package}_"*.deb 2>/dev/null | head -1 || true)
    [ -n "$deb" ] || die "package.sh $* made no $package package"
    debs+=("$deb")
  done
}
started=$SECONDS
build_packages "$work/debs-1"
version_1=$(dpkg-deb -f "${debs[0]}" Version)
if ! dpkg -i "${debs[@]}" >"$work/dpkg-install.log" 2>&1; then
  cat "$work/dpkg-install.log"
  die "dpkg -i ${debs[*]##*/} failed"
fi
echo "machine_install_test: packaged and installed $version_1 in $((SECONDS - started)) s"
for package in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status} ${Version}' "$package")" = "install ok installed $version_1" ] ||
    fail "$package is not installed at $version_1: $(dpkg-query -W -f='${Status} ${Version}' "$package")"
done
grep -q "created the CUPS queue Printline" "$work/dpkg-install.log" ||
  fail "postinst did not create the queue: $(cat "$work/dpkg-install.log")"
device=$(lpstat -v Printline 2>&1) || true
[ "$device" = "device for Printline: printline:/" ] || fail "no queue Printline on printline:/ after dpkg -i: $device"
getent passwd printline >/dev/null || die "postinst did not create the user printline"
printline_uid=$(id -u printline)
[ "$printline_uid" -lt 1000 ] || fail "printline is not a system account (uid $printline_uid)"
[ "$(id -gn printline)" = printline ] || fail "printline's group is $(id -gn printline)"
check_data_dir() {
  local mode
  mode=$(stat -c '%a %U %G' /var/lib/printline 2>&1)
  [ "$mode" = "700 printline printline" ] || fail "/var/lib/printline $1 is '$mode', not 0700 printline printline"
}
check_data_dir "after install"
[ "$(stat -c '%a %U' /usr/lib/cups/backend/printline)" = "700 root" ] ||
  fail "the CUPS backend is $(stat -c '%a %U' /usr/lib/cups/backend/printline), not 0700 root"
[ -L /etc/systemd/system/multi-user.target.wants/printline-server.service ] ||
  fail "postinst did not enable printline-server.service (no multi-user.target.wants link)"
[ -L /etc/systemd/user/default.target.wants/printline-client.service ] ||
  fail "postinst did not enable printline-client.service for every user"
for package in "${packages[@]}"; do dpkg -L "$package"; done | sort -u >"$work/package-paths"

# --- 2. systemd-analyze verify on every installed unit ---
mkdir -p "$work/runtime"
units=0
while IFS= read -r unit; do
  [ -f "$unit" ] || continue
  scope=(--system)
  [[ $unit == /usr/lib/systemd/user/* ]] && scope=(--user)
  units=$((units + 1))
  if ! out=$(XDG_RUNTIME_DIR="$work/runtime" systemd-analyze "${scope[@]}" verify --man=no "$unit" 2>&1); then
    fail "systemd-analyze verify $unit: $out"
  elif [ -n "$out" ]; then
    fail "systemd-analyze verify $unit warns: $out"
  fi
done < <(grep -E '^/usr/lib/systemd/(system|user)/[^/]+\.(service|timer|socket)$' "$work/package-paths")
[ "$units" -ge 4 ] || fail "only $units units installed"

# --- 3. The server, started as its installed unit starts it ---
unit=/usr/lib/systemd/system/printline-server.service
unit_setting() { sed -n "s/^$1=//p" "$unit" | tail -1; }
server_port=$(free_port)
# start_server OPTS: writes the unit's EnvironmentFile with PRINTLINE_SERVER_OPTS=OPTS and runs
# ExecStart as systemd would (its variables expanded, $VAR split into words) in the background.
start_server() {
  local environment_file
  environment_file=$(unit_setting EnvironmentFile)
  environment_file=${environment_file#-}
  [ "$environment_file" = /etc/default/printline-server ] ||
    fail "the unit reads its options from '$environment_file', not /etc/default/printline-server"
  printf 'PRINTLINE_SERVER_OPTS="%s"\n' "$1" >"$environment_file"
  local -A values=()
  local line name value
  while IFS= read -r line; do
    [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    value=${value#\"} value=${value%\"}
    values[$name]=$value
  done <"$environment_file"
  local user group umask_value
  user=$(unit_setting User) group=$(unit_setting Group) umask_value=$(unit_setting UMask)
  [ "$user" = printline ] && [ "$group" = printline ] || fail "the unit runs as $user:$group"
  # What systemd makes before ExecStart: StateDirectory= (postinst made it already) and
  # LogsDirectory= with their modes, owned by User=.
  local logs_dir
  logs_dir=$(unit_setting LogsDirectory)
  if [ -n "$logs_dir" ]; then
    install -d -o "$user" -g "$group" -m "$(unit_setting LogsDirectoryMode)" "/var/log/$logs_dir"
  fi
  local -a argv=() words
  local word
  read -r -a words <<<"$(unit_setting ExecStart)"
  for word in "${words[@]}"; do
    if [[ $word =~ ^\$([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
      read -r -a expanded <<<"${values[${BASH_REMATCH[1]}]:-}"
      argv+=("${expanded[@]}")
    else
      argv+=("$word")
    fi
  done
  local environment=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
    "HOME=$(getent passwd "$user" | cut -d: -f6)" "USER=$user" "LOGNAME=$user")
  for name in "${!values[@]}"; do environment+=("$name=${values[$name]}"); done
  (
    cd /
    umask "$umask_value"
    exec setpriv --reuid="$user" --regid="$group" --init-groups --no-new-privs --bounding-set=-all \
      --inh-caps=-all -- env -i "${environment[@]}" "${argv[@]}"
  ) >>"$work/journal" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 60))
  until grep -q "printline-server listening on" "$work/journal"; do
    kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(tail -20 "$work/journal")"
    [ "$SECONDS" -lt "$deadline" ] || die "the server did not listen within 60 s: $(tail -20 "$work/journal")"
    sleep 0.1
  done
  [ "$(stat -c %U "/proc/$server_pid")" = printline ] || fail "the server does not run as printline"
  grep -qx 'NoNewPrivs:[[:space:]]*1' "/proc/$server_pid/status" || fail "the server may gain privileges"
}
stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  : >"$work/journal"
}
start_server "--listen 127.0.0.1:$server_port"
url=$(sed -n 's/.*printline-server listening on \([^ ]*\).*/\1/p' "$work/journal" | tail -1)
[ "$url" = "https://127.0.0.1:$server_port" ] || fail "the packaged server listens on '$url', not https://127.0.0.1:$server_port"
fingerprint=$(sed -n 's/.*HTTPS certificate SHA256 fingerprint: \([0-9A-Fa-f:]*\).*/\1/p' "$work/journal" | tail -1)
[ -n "$fingerprint" ] || die "the server logged no certificate fingerprint: $(cat "$work/journal")"
served_fingerprint() {
  openssl s_client -connect "127.0.0.1:$server_port" -servername localhost </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256 | sed 's/^.*Fingerprint=//I'
}
served=$(served_fingerprint)
[ "${served^^}" = "${fingerprint^^}" ] || fail "openssl s_client is served $served, the server logged $fingerprint"
[ "$(stat -c '%a %U' /var/lib/printline/tls/server.key 2>&1)" = "600 printline" ] ||
  fail "the private key is $(stat -c '%a %U' /var/lib/printline/tls/server.key 2>&1), not 0600 printline"
check_data_dir "with the server running"

# --- 4. Print through the CUPS queue to a real printer ---
"$PRINTLINE_PEERS" ipp >"$work/peers" 2>"$work/peers.log" &
pids+=($!)
wait_for "the printer peer did not start" 30 grep -qx ready "$work/peers" || die "$(cat "$work/peers.log")"
read -r _ printer_uri printer_spool < <(grep '^ipp ' "$work/peers")

admin_password_file=$(sed -n 's/.*generated password, written to \([^ ]*\) .*/\1/p' "$work/journal" | head -1)
[ -n "$admin_password_file" ] || die "the first start logged no administrator password file: $(cat "$work/journal")"
export XDG_CONFIG_HOME="$work/admin-config"
printline login --server "$url" --user admin --password-file "$admin_password_file" \
  --accept-fingerprint "$fingerprint" >"$work/admin-login.log" 2>&1 ||
  die "the administrator's login with the pinned fingerprint failed: $(cat "$work/admin-login.log")"
admin() { printline admin "$@" >>"$work/admin.log" 2>&1 || die "printline admin $*: $(tail -5 "$work/admin.log")"; }
admin printers create office --uri "$printer_uri" --mono
admin queues create main --kind direct --printer office
admin prices set --price A4:mono=0.10 --price Letter:mono=0.10
echo "machine-install-test-password" >"$work/user-password"
admin users create "$test_user" --name "Machine install test" --password-file "$work/user-password"
admin users top-up "$test_user" 10
admin profiles create office --default --server-addresses "$url" --heartbeat-interval-s 1 --fallback-disabled

# The test account: a home, a runtime directory as logind makes it, the user unit's config.
home="$work/home"
useradd --home-dir "$home" --create-home --shell /usr/sbin/nologin --user-group "$test_user"
test_uid=$(id -u "$test_user")
install -d -m 0755 /run/user
install -d -o "$test_user" -g "$test_user" -m 0700 "/run/user/$test_uid"
as_user() {
  runuser -u "$test_user" -- env -i PATH="$PATH" HOME="$home" USER="$test_user" LANG=C.UTF-8 \
    XDG_RUNTIME_DIR="/run/user/$test_uid" CUPS_SERVER="$CUPS_SERVER" "$@"
}
as_user mkdir -p "$home/.config/printline"
printf '{"servers": ["%s"]}\n' "$url" | as_user tee "$home/.config/printline/client.json" >/dev/null
install -o "$test_user" -m 0600 "$work/user-password" "$home/password"
# start_client: the user unit's ExecStart (%h the home, %S ~/.local/state) as the account.
client_unit=/usr/lib/systemd/user/printline-client.service
start_client() {
  local command
  command=$(sed -n 's/^ExecStart=//p' "$client_unit" | sed "s|%h|$home|g; s|%S|$home/.local/state|g")
  local -a argv
  read -r -a argv <<<"$command"
  (umask "$(sed -n 's/^UMask=//p' "$client_unit")"; exec setpriv --reuid="$test_user" --regid="$test_user" \
    --init-groups --no-new-privs -- env -i HOME="$home" USER="$test_user" LANG=C.UTF-8 \
    XDG_RUNTIME_DIR="/run/user/$test_uid" "${argv[@]}") >>"$work/client.log" 2>&1 &
  client_pid=$!
  pids+=("$client_pid")
  wait_for "the client's control socket did not appear" 30 test -S "/run/user/$test_uid/printline/control.sock" ||
    die "$(tail -20 "$work/client.log")"
}
stop_client() {
  kill "$client_pid" 2>/dev/null || true
  wait "$client_pid" 2>/dev/null || true
  rm -f "/run/user/$test_uid/printline/control.sock"
}
start_client
as_user printline login --server "$url" --user "$test_user" --password-file "$home/password" \
  --accept-fingerprint "$fingerprint" >"$work/user-login.log" 2>&1 ||
  die "the user's login failed: $(cat "$work/user-login.log")"
client_online() { as_user printline status --json | grep -q '"online": true'; }
wait_for "the client did not come online" 30 client_online || die "$(tail -20 "$work/client.log")"

document=/usr/share/cups/data/default-testpage.pdf
# job_field TITLE FIELD: a field of the client's job with that title.
job_field() {
  as_user printline jobs --json |
    python3 -c 'import json,sys; t,f=sys.argv[1:]; print(next((str(j[f]) for j in json.load(sys.stdin) if j["title"]==t),""))' "$1" "$2"
}
job_is() { [ "$(job_field "$1" state)" = "$2" ]; }
printed_documents() { find "$printer_spool" -type f | wc -l; }
charges() {
  printline admin --json users ledger "$test_user" |
    python3 -c 'import json,sys; u=sys.argv[1]; d=json.load(sys.stdin); d=d.get("entries", d) if isinstance(d, dict) else d; print(sum(1 for e in d if e.get("kind")=="charge" and e.get("job_uuid")==u))' "$1"
}
# print_through_cups TITLE N: lp as the account to "Printline"; the printer's Nth document.
print_through_cups() {
  as_user lp -d Printline -t "$1" "$document" >>"$work/lp.log" 2>&1 || die "lp -d Printline: $(cat "$work/lp.log")"
  wait_for "the job \"$1\" did not reach the server through the client" 30 job_is "$1" at-server ||
    die "the client's job: $(as_user printline jobs 2>&1); cupsd: $(tail -5 "$cups/log/error_log")"
  local uuid
  uuid=$(job_field "$1" uuid)
  echo "machine_install_test: \"$1\" is job $uuid at the server"
  printed_count() { [ "$(printed_documents)" -ge "$1" ]; }
  wait_for "the printer did not receive \"$1\"" 30 printed_count "$2" || exit 1
  local received
  received=$(find "$printer_spool" -type f -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  cmp -s "$received" "$document" || fail "the printer received another document than $document for \"$1\""
  has_one_charge() { [ "$(charges "$uuid")" = 1 ]; }
  wait_for "\"$1\" ($uuid) was not charged once" 30 has_one_charge || true
  [ -z "$(lpstat -o Printline 2>/dev/null)" ] || fail "cupsd still holds a job: $(lpstat -o Printline)"
}
print_through_cups "machine install test" 1

# --- 5. Upgrade: the same programs packaged with a higher version ---
printline admin --json users list >"$work/users-before.json"
printline admin --json users ledger "$test_user" >"$work/ledger-before.json"
upstream=${version_1%-*}
version_2_upstream="$upstream+upgrade1"
build_packages "$work/debs-2" --version "$version_2_upstream"
version_2=$(dpkg-deb -f "${debs[0]}" Version)
dpkg --compare-versions "$version_2" gt "$version_1" || die "$version_2 is not newer than $version_1"
# What prerm would have systemd do: the service stops for the upgrade.
stop_server
if ! dpkg -i "${debs[@]}" >"$work/dpkg-upgrade.log" 2>&1; then
  cat "$work/dpkg-upgrade.log"
  die "dpkg -i of $version_2 failed"
fi
for package in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Version}' "$package")" = "$version_2" ] || fail "$package was not upgraded to $version_2"
done
[ "$(id -u printline)" = "$printline_uid" ] || fail "the upgrade changed printline's uid"
check_data_dir "after the upgrade"
device=$(lpstat -v Printline 2>&1) || true
[ "$device" = "device for Printline: printline:/" ] || fail "the upgrade lost the queue Printline: $device"
start_server "--listen 127.0.0.1:$server_port --log-file /var/log/printline/server.log"
log=/var/log/printline/server.log
[ "$(stat -c '%U' "$log" 2>&1)" = printline ] || fail "$log is not the server's: $(stat -c '%U' "$log" 2>&1)"
grep -q "HTTPS certificate SHA256 fingerprint: $fingerprint" "$work/journal" ||
  fail "after the upgrade the server has another certificate: $(grep fingerprint "$work/journal")"
served=$(served_fingerprint)
[ "${served^^}" = "${fingerprint^^}" ] ||
  fail "after the upgrade openssl s_client is served another certificate"
printline admin --json users list >"$work/users-after.json" || fail "users list after the upgrade failed"
printline admin --json users ledger "$test_user" >"$work/ledger-after.json" || fail "ledger after the upgrade failed"
cmp -s "$work/users-before.json" "$work/users-after.json" ||
  fail "the users differ after the upgrade: $(diff "$work/users-before.json" "$work/users-after.json")"
cmp -s "$work/ledger-before.json" "$work/ledger-after.json" ||
  fail "the ledger differs after the upgrade: $(diff "$work/ledger-before.json" "$work/ledger-after.json")"
# The account's next session runs the upgraded client.
stop_client
start_client
wait_for "the upgraded client did not come online" 30 client_online || die "$(tail -20 "$work/client.log")"
print_through_cups "after the upgrade" 2

# --- 6. logrotate with the installed snippet; the server writes on in the new file ---
[ -f /etc/logrotate.d/printline-server ] || fail "no /etc/logrotate.d/printline-server"
lines_before=$(wc -l <"$log")
logrotate -f -s "$work/logrotate.state" /etc/logrotate.d/printline-server >"$work/logrotate.log" 2>&1 ||
  fail "logrotate failed: $(cat "$work/logrotate.log")"
[ -f "$log.1" ] || fail "logrotate did not move $log to $log.1: $(ls -l /var/log/printline)"
wait_for "the server did not reopen $log after the rotation (SIGHUP)" 30 grep -q "log file reopened" "$log" || true
if [ -f "$log.1" ]; then
  [ "$(wc -l <"$log.1")" -ge "$lines_before" ] || fail "$log.1 lost lines"
  grep -q "log file reopened" "$log.1" && fail "the server wrote on in the rotated file $log.1"
fi
[ "$(stat -c '%a %U' "$log")" = "600 printline" ] || fail "the new $log is $(stat -c '%a %U' "$log")"

# --- 7. Purge ---
stop_server
stop_client
purge_order=()
for ((i = ${#packages[@]} - 1; i >= 0; i--)); do purge_order+=("${packages[i]}"); done
if ! dpkg --purge "${purge_order[@]}" >"$work/dpkg-purge.log" 2>&1; then
  cat "$work/dpkg-purge.log"
  fail "dpkg --purge failed"
fi
for package in "${packages[@]}"; do
  installed "$package" && fail "$package is still known to dpkg: $(dpkg-query -W -f='${Status}' "$package")"
done
left=0
while IFS= read -r path; do
  if [ -L "$path" ] || [ -f "$path" ]; then fail "$path is left after the purge"; left=$((left + 1)); fi
done <"$work/package-paths"
for path in /var/lib/printline /var/log/printline /etc/logrotate.d/printline-server \
    /etc/systemd/system/multi-user.target.wants/printline-server.service \
    /etc/systemd/user/default.target.wants/printline-client.service; do
  [ -e "$path" ] || [ -L "$path" ] && fail "$path is left after the purge"
done
lpstat -v Printline >/dev/null 2>&1 && fail "the queue Printline is left after the purge"
# The administrator's own settings file (the test's) is not the packages' to delete.
[ -f /etc/default/printline-server ] || fail "the purge deleted /etc/default/printline-server, which no package owns"
rm -f /etc/default/printline-server
printline_paths >"$work/paths-after"
cmp -s "$work/paths-before" "$work/paths-after" ||
  fail "the purge left (or removed) paths: $(diff "$work/paths-before" "$work/paths-after" | grep '^[<>]' | tr '\n' ' ')"
getent passwd printline >/dev/null && fail "the user printline is left after the purge (postrm deletes it)"
getent group printline >/dev/null && fail "the group printline is left after the purge"

if [ "$failures" -ne 0 ]; then
  echo "machine_install_test: $failures failure(s)"
  exit 1
fi
echo "machine_install_test: $version_1 installed (queue Printline, user printline, $units units verified)," \
  "HTTPS $fingerprint, two jobs lp → Printline → client → server → printer charged once each," \
  "upgraded to $version_2 with the same users and ledger, log rotated and reopened, purged clean" \
  "in $SECONDS s"
