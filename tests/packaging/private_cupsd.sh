# shellcheck shell=bash
# Sourced by tests/packaging's scripts: a real, private cupsd — its own ServerRoot, loopback port
# and printcap below ROOT; the machine's CUPS is not touched — answering CUPS's tools through
# CUPS_SERVER and CUPS_SERVERROOT (exported; maintainer scripts run by dpkg inherit them).
#
#   start_private_cupsd ROOT SERVER_BIN   sets cupsd_pid; exits the test when cupsd does not answer
#
# SERVER_BIN is where cupsd finds its backends: the machine's /usr/lib/cups (an installed
# backend) or a private copy. CUPS's lpstat must be on PATH.
start_private_cupsd() {
  local root=$1 server_bin=$2 port
  mkdir -p "$root"/{spool,tmp,cache,state,log}
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$root/cupsd.conf" <<CONF
Listen 127.0.0.1:$port
LogLevel info
DirtyCleanInterval 0
Browsing No
WebInterface No
DefaultAuthType None
PreserveJobFiles No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
  cat >"$root/cups-files.conf" <<CONF
ServerRoot $root
ServerBin $server_bin
RequestRoot $root/spool
TempDir $root/tmp
CacheDir $root/cache
StateDir $root/state
AccessLog $root/log/access_log
ErrorLog $root/log/error_log
PageLog $root/log/page_log
Printcap $root/printcap
Sandboxing Relaxed
CONF
  touch "$root/printers.conf"
  chmod 0777 "$root" "$root"/{spool,tmp,cache,state,log}  # cupsd's children run as lp
  export CUPS_SERVER="127.0.0.1:$port" CUPS_SERVERROOT="$root"
  /usr/sbin/cupsd -f -c "$root/cupsd.conf" -s "$root/cups-files.conf" >"$root/cupsd.out" 2>&1 &
  cupsd_pid=$!
  local deadline=$((SECONDS + 30))
  # lpstat -r exits 0 whether or not the scheduler answers: what it says is the answer.
  until LC_ALL=C lpstat -r 2>/dev/null | grep -qx "scheduler is running"; do
    kill -0 "$cupsd_pid" 2>/dev/null || { echo "FAIL: cupsd exited: $(tail -5 "$root/log/error_log")"; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "FAIL: cupsd did not answer within 30 s"; exit 1; }
    sleep 0.1
  done
}
