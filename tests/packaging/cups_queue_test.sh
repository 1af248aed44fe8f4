#!/usr/bin/env bash
# cups_queue_test: printline-client's maintainer scripts against a real, private cupsd (its own
# ServerRoot, port and printcap; the machine's CUPS is not touched), with CUPS's lpadmin:
# postinst creates the raw queue "Printline" on printline:/ (the backend in the cupsd's
# ServerBin, mode 0700), not shared; an upgrade keeps what the administrator changed; prerm
# remove deletes it; with cupsd down, postinst says how to create it and does not fail.
# systemd does not run here: a stand-in systemctl records what the scripts ask of it.
set -euo pipefail
: "${PRINTLINE_SOURCE_DIR:?}" "${PRINTLINE_BACKEND:?}"

work=$(mktemp -d)
cupsd_pid=
cleanup() {
  if [ -n "$cupsd_pid" ]; then kill "$cupsd_pid" 2>/dev/null || true; wait "$cupsd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# CUPS's lpadmin, lpstat and lpoptions (cups-client conflicts with lprng: unpacked by install-deps.sh).
tools=/usr/local/lib/printline-test-tools/cups-client/usr
for tool in "$tools/sbin/lpadmin" "$tools/bin/lpstat" "$tools/bin/lpoptions" /usr/sbin/cupsd; do
  [ -x "$tool" ] || { echo "FAIL: $tool is missing; run scripts/install-deps.sh"; exit 1; }
done

root="$work/cups"
mkdir -p "$root/bin/backend" "$root/bin/filter" "$work/shims"
install -m 0700 "$PRINTLINE_BACKEND" "$root/bin/backend/printline"
# shellcheck source=tests/packaging/private_cupsd.sh
. "$PRINTLINE_SOURCE_DIR/tests/packaging/private_cupsd.sh"

cat >"$work/shims/systemctl" <<SHIM
#!/bin/sh
echo "\$*" >>"$work/systemctl.log"
SHIM
chmod +x "$work/shims/systemctl"

export PATH="$work/shims:$tools/sbin:$tools/bin:$PATH"
scripts="$PRINTLINE_SOURCE_DIR/packaging/debian/client"
start_private_cupsd "$root" "$root/bin"

# Fresh install.
out=$(sh "$scripts/postinst" configure "" 2>&1) || fail "postinst configure failed: $out"
grep -q "created the CUPS queue Printline" <<<"$out" || fail "postinst did not say it created the queue: $out"
device=$(lpstat -v Printline 2>&1) || fail "no queue Printline after postinst: $device"
[ "$device" = "device for Printline: printline:/" ] || fail "Printline's device is not printline:/: $device"
# What cupsd says of the queue (not printers.conf: cupsd writes it when it gets round to it).
options=$(lpoptions -p Printline 2>&1) || fail "lpoptions -p Printline: $options"
grep -q "printer-is-shared=false" <<<"$options" || fail "Printline is shared: $options"
grep -q "printer-is-accepting-jobs=true" <<<"$options" || fail "Printline does not accept jobs: $options"
grep -qx -- "--global enable printline-client.service" "$work/systemctl.log" ||
  fail "postinst did not enable the user unit for every user"

# Upgrade: the administrator's change stays.
lpadmin -p Printline -D "Second floor" 2>/dev/null
out=$(sh "$scripts/postinst" configure 0.1.0-1 2>&1) || fail "postinst upgrade failed: $out"
options=$(lpoptions -p Printline 2>&1)
grep -q "printer-info='Second floor'" <<<"$options" || fail "the upgrade reset the queue: $options"
[ "$(grep -c -- enable "$work/systemctl.log")" = 1 ] || fail "the upgrade enabled the user unit again"

# Remove: the queue goes with its backend; the user unit is disabled.
out=$(sh "$scripts/prerm" remove 2>&1) || fail "prerm remove failed: $out"
if lpstat -v Printline >/dev/null 2>&1; then fail "the queue Printline is still there after prerm remove"; fi
grep -qx -- "--global disable printline-client.service" "$work/systemctl.log" || fail "prerm did not disable the user unit"
out=$(sh "$scripts/postrm" purge 2>&1) || fail "postrm purge without a queue failed: $out"

# cupsd not running: postinst says what to do and does not fail the installation.
kill "$cupsd_pid"; wait "$cupsd_pid" 2>/dev/null || true; cupsd_pid=
out=$(sh "$scripts/postinst" configure "" 2>&1) || fail "postinst failed while cupsd is down: $out"
grep -q "lpadmin -p Printline -E -v printline:/ -m raw" <<<"$out" || fail "postinst did not say how to create the queue: $out"

if [ "$failures" -ne 0 ]; then
  echo "cups_queue_test: $failures failure(s)"
  exit 1
fi
echo "cups_queue_test: queue created, kept on upgrade, removed on remove, cupsd-down handled"
