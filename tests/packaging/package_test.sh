#!/usr/bin/env bash
# package_test: scripts/package.sh, run on the already built tree into a temporary directory,
# makes printline-server, printline-client and printline-tray .deb files whose Depends come
# from dpkg-shlibdeps, whose contents are the installed files (the backend root-owned, 0700)
# and whose maintainer scripts are packaging/debian's. Nothing is installed on this machine.
set -euo pipefail
: "${PRINTLINE_BUILD_DIR:?}" "${PRINTLINE_SOURCE_DIR:?}" "${PRINTLINE_EXPECT_TRAY:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

started=$SECONDS
"$PRINTLINE_SOURCE_DIR/scripts/package.sh" --build-dir "$PRINTLINE_BUILD_DIR" --output "$work/out" --no-build
echo "package_test: package.sh took $((SECONDS - started)) s"

packages=(server client)
[ "$PRINTLINE_EXPECT_TRAY" = 1 ] && packages+=(tray)
arch=$(dpkg --print-architecture)

# package  file  what the package must contain (dpkg-deb -c paths)
declare -A contents=(
  [server]="./usr/bin/printline-server ./usr/share/printline/web/index.html ./usr/lib/systemd/system/printline-server.service ./usr/lib/systemd/system/printline-server-backup.service ./usr/lib/systemd/system/printline-server-backup.timer ./usr/share/man/man8/printline-server.8.gz ./usr/share/printline-server/locale/fr/LC_MESSAGES/printline.mo"
  [client]="./usr/bin/printline-client ./usr/bin/printline ./usr/share/locale/fr/LC_MESSAGES/printline.mo ./usr/lib/cups/backend/printline ./usr/lib/systemd/user/printline-client.service ./usr/share/man/man1/printline.1.gz ./usr/share/man/man1/printline-client.1.gz ./usr/share/bash-completion/completions/printline"
  [tray]="./usr/bin/printline-tray ./usr/share/applications/printline-tray.desktop ./etc/xdg/autostart/printline-tray.desktop ./usr/share/man/man1/printline-tray.1.gz"
)
# Libraries dpkg-shlibdeps must have found, and the Depends written by hand.
declare -A depends=(
  [server]="libc6 libssl3 libsqlite3-0 libcups2 libpqxx adduser"
  [client]="libc6 libcups2 libssl3"
  [tray]="libc6 libqt6widgets6 libqt6dbus6 printline-client"
)
declare -A scripts=([server]="postinst prerm postrm" [client]="postinst prerm postrm" [tray]="")

for package in "${packages[@]}"; do
  name=printline-$package
  debs=("$work/out/${name}_"*"_$arch.deb")
  deb=${debs[0]}
  if [ ! -f "$deb" ]; then fail "no $name package in $(ls "$work/out")"; continue; fi
  [ "$(dpkg-deb -f "$deb" Package)" = "$name" ] || fail "$deb is not package $name"
  deps=$(dpkg-deb -f "$deb" Depends)
  for dep in ${depends[$package]}; do
    grep -qE "(^|, )${dep}[^,]*" <<<"$deps" || fail "$name Depends lacks $dep: $deps"
  done
  listing=$(dpkg-deb -c "$deb")
  for file in ${contents[$package]}; do
    grep -qE " $file$" <<<"$listing" || fail "$name lacks $file"
  done
  # Everything belongs to root; no file of the build tree or source tree leaks in.
  if grep -v ' root/root ' <<<"$listing" | grep -q .; then fail "$name has files not owned by root"; fi
  if grep -qE '(build|/work|/tmp)/' <<<"$(awk '{print $6}' <<<"$listing")"; then fail "$name holds build paths"; fi
  # Programs are stripped (a RelWithDebInfo server is ~200 MB).
  size=$(stat -c %s "$deb")
  installed_kib=$(dpkg-deb -f "$deb" Installed-Size)
  [ "$installed_kib" -lt 50000 ] || fail "$name installs $installed_kib KiB: its programs are not stripped"

  mkdir -p "$work/control/$package"
  dpkg-deb -e "$deb" "$work/control/$package"
  for script in ${scripts[$package]}; do
    control="$work/control/$package/$script"
    if [ ! -f "$control" ]; then fail "$name has no $script"; continue; fi
    [ "$(stat -c %a "$control")" = 755 ] || fail "$name $script is not mode 755"
    cmp -s "$control" "$PRINTLINE_SOURCE_DIR/packaging/debian/$package/$script" ||
      fail "$name $script differs from packaging/debian/$package/$script"
  done
  echo "package_test: $name $(dpkg-deb -f "$deb" Version), $size bytes, Depends: $deps"
done

# The backend as CUPS needs it: root's, mode 0700.
if compgen -G "$work/out/printline-client_*.deb" >/dev/null; then
  backend=$(dpkg-deb -c "$work/out"/printline-client_*.deb | grep ' ./usr/lib/cups/backend/printline$')
  [[ $backend == "-rwx------ root/root "* ]] || fail "the backend in printline-client is not -rwx------ root/root: $backend"
fi
# What the maintainer scripts promise.
server_postinst="$work/control/server/postinst"
grep -q 'adduser --system' "$server_postinst" || fail "printline-server postinst does not create the system user"
grep -q 'chmod 0700 /var/lib/printline' "$server_postinst" || fail "printline-server postinst does not make /var/lib/printline 0700"
grep -q 'rm -rf /var/lib/printline' "$work/control/server/postrm" || fail "printline-server postrm purge keeps the data"
grep -q 'lpadmin -p Printline -E -v printline:/' "$work/control/client/postinst" || fail "printline-client postinst does not create the queue"
grep -q 'lpadmin -x Printline' "$work/control/client/prerm" || fail "printline-client prerm does not remove the queue"
if [ "$PRINTLINE_EXPECT_TRAY" = 1 ]; then
  grep -qx /etc/xdg/autostart/printline-tray.desktop "$work/control/tray/conffiles" ||
    fail "printline-tray does not mark its autostart entry a conffile"
fi
# The maintainer scripts are POSIX sh, as dpkg runs them.
for script in "$work"/control/*/{postinst,prerm,postrm}; do
  [ -f "$script" ] && { sh -n "$script" || fail "$script is not valid sh"; }
done

if [ "$failures" -ne 0 ]; then
  echo "package_test: $failures failure(s)"
  exit 1
fi
echo "package_test: ${#packages[@]} packages checked in $((SECONDS - started)) s"
