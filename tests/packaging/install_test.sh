#!/usr/bin/env bash
# install_test: `cmake --install <build> --prefix /usr` into a temporary DESTDIR puts every file
# of docs/install.md where it belongs — programs, the CUPS backend mode 0700, web assets,
# systemd units (checked by systemd-analyze), man pages (checked by groff), the bash
# completion (its command list against `printline --help`), the tray's desktop entries — and
# the installed printline-server finds its web interface in <prefix>/share/printline/web.
set -euo pipefail
: "${PRINTLINE_BUILD_DIR:?}" "${PRINTLINE_SOURCE_DIR:?}" "${PRINTLINE_EXPECT_TRAY:?}"

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

root="$work/root"
DESTDIR="$root" cmake --install "$PRINTLINE_BUILD_DIR" --prefix /usr >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; echo "FAIL: cmake --install failed"; exit 1; }

expected=(
  usr/bin/printline-server
  usr/bin/printline-client
  usr/bin/printline
  usr/lib/cups/backend/printline
  usr/share/printline/web/index.html
  usr/share/printline/web/style.css
  usr/lib/systemd/system/printline-server.service
  usr/lib/systemd/system/printline-server-backup.service
  usr/lib/systemd/system/printline-server-backup.timer
  usr/lib/systemd/user/printline-client.service
  usr/share/man/man8/printline-server.8.gz
  usr/share/man/man1/printline-client.1.gz
  usr/share/man/man1/printline.1.gz
  usr/share/bash-completion/completions/printline
)
if [ "$PRINTLINE_EXPECT_TRAY" = 1 ]; then
  expected+=(
    usr/bin/printline-tray
    usr/share/man/man1/printline-tray.1.gz
    usr/share/applications/printline-tray.desktop
    etc/xdg/autostart/printline-tray.desktop
  )
fi
for file in "${expected[@]}"; do
  [ -f "$root/$file" ] || fail "$file was not installed"
done
for program in usr/bin/printline-server usr/bin/printline-client usr/bin/printline; do
  [ -x "$root/$program" ] || fail "$program is not executable"
done
# Every JavaScript file of web/ is installed (the page loads them by relative path).
while IFS= read -r -d '' js; do
  relative=${js#"$PRINTLINE_SOURCE_DIR/web/"}
  [ -f "$root/usr/share/printline/web/$relative" ] || fail "web/$relative was not installed"
done < <(find "$PRINTLINE_SOURCE_DIR/web" -name '*.js' -print0)

# CUPS runs a backend as root only when it is not readable or executable by group and others.
mode=$(stat -c %a "$root/usr/lib/cups/backend/printline")
[ "$mode" = 700 ] || fail "the CUPS backend has mode $mode, not 700"

# The units as systemd reads them (their man: pages are not on this machine: --man=no); a copy
# runs the installed program.
mkdir -p "$work/units" "$work/runtime"
for unit in usr/lib/systemd/system/printline-server.service \
    usr/lib/systemd/system/printline-server-backup.service \
    usr/lib/systemd/system/printline-server-backup.timer usr/lib/systemd/user/printline-client.service; do
  copy="$work/units/$(basename "$unit")"
  sed "s|^ExecStart=/usr/bin/|ExecStart=$root/usr/bin/|" "$root/$unit" >"$copy"
  scope=(--system)
  [[ $unit == */user/* ]] && scope=(--user)
  if ! out=$(XDG_RUNTIME_DIR="$work/runtime" systemd-analyze "${scope[@]}" verify --man=no "$copy" 2>&1); then
    fail "systemd-analyze verify $unit: $out"
  elif [ -n "$out" ]; then
    fail "systemd-analyze verify $unit warns: $out"
  fi
done
grep -q '^ExecStart=/usr/bin/printline-client ' "$root/usr/lib/systemd/user/printline-client.service" ||
  fail "the user unit does not start /usr/bin/printline-client"
for setting in User=printline StateDirectory=printline StateDirectoryMode=0700 ProtectSystem=strict \
    NoNewPrivileges=yes PrivateTmp=yes ProtectHome=yes "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"; do
  grep -qx "$setting" "$root/usr/lib/systemd/system/printline-server.service" ||
    fail "printline-server.service lacks $setting"
done

# Man pages (gzip -9n) format without warnings.
for page in "$root"/usr/share/man/man*/*; do
  if out=$(gzip -dc "$page" | groff -man -Tutf8 -ww -z 2>&1) && [ -z "$out" ]; then :; else
    fail "groff warns on ${page#"$root"/}: $out"
  fi
done

# The completion offers exactly the commands `printline --help` lists.
bash -n "$root/usr/share/bash-completion/completions/printline" || fail "the completion is not valid bash"
listed=$("$root/usr/bin/printline" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}' | sort)
completed=$(sed -n 's/^ *local commands="\(.*\)"$/\1/p' "$root/usr/share/bash-completion/completions/printline" |
  tr ' ' '\n' | sort)
[ "$listed" = "$completed" ] ||
  fail "completion commands differ from printline --help: $(diff <(echo "$listed") <(echo "$completed") | tr '\n' ' ')"
listed_admin=$("$root/usr/bin/printline" admin --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}' | sort)
completed_admin=$(sed -n 's/^ *local admin_areas="\(.*\)"$/\1/p' "$root/usr/share/bash-completion/completions/printline" |
  tr ' ' '\n' | sort)
[ "$listed_admin" = "$completed_admin" ] || fail "completion admin areas differ from printline admin --help"

if [ "$PRINTLINE_EXPECT_TRAY" = 1 ]; then
  for entry in usr/share/applications/printline-tray.desktop etc/xdg/autostart/printline-tray.desktop; do
    grep -qx 'Exec=printline-tray' "$root/$entry" || fail "$entry does not run printline-tray"
    grep -qx 'Type=Application' "$root/$entry" || fail "$entry is not an application entry"
  done
fi

# The installed server serves the installed web interface (found from its own location).
echo install-test-password >"$work/admin-password"
chmod 0600 "$work/admin-password"
"$root/usr/bin/printline-server" --data "$work/data" --listen 127.0.0.1:0 \
  --admin-password-file "$work/admin-password" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
deadline=$((SECONDS + 60))
until grep -q 'listening on' "$work/server.out"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    fail "the installed server exited: $(cat "$work/server.out" "$work/server.err")"
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then fail "the installed server did not listen within 60 s"; break; fi
  sleep 0.1
done
if grep -q 'listening on' "$work/server.out"; then
  grep -qF "serving the web interface from $root/usr/share/printline/web" "$work/server.out" "$work/server.err" ||
    fail "the installed server does not serve $root/usr/share/printline/web: $(grep -h '\[web\]' "$work/server.out" "$work/server.err")"
  url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/server.out" | head -1)
  python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1], timeout=10).read())' \
    "$url/" >"$work/index.html" || fail "GET $url/ failed"
  cmp -s "$work/index.html" "$root/usr/share/printline/web/index.html" ||
    fail "GET $url/ is not the installed index.html"
fi

if [ "$failures" -ne 0 ]; then
  echo "install_test: $failures failure(s)"
  exit 1
fi
echo "install_test: ${#expected[@]} files in place, backend mode 700, units, man pages, completion, web interface served"
