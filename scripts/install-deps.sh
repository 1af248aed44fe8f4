#!/usr/bin/env bash
# Installs every Debian 12 package Printline needs to build, test and run its demo.
# Idempotent: safe to run again; apt-get skips what is already installed.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format git
  # libraries
  libcups2-dev libqpdf-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev libsodium-dev libssl-dev
  libcpp-httplib-dev zlib1g-dev libsystemd-dev libboost-dev
  # storage: libpqxx (PostgreSQL from C++), and the postgres server the PostgreSQL tests start
  libpqxx-dev postgresql
  # the load balancer tests/server/balancer_test puts in front of several server nodes
  haproxy
  # real printer peers, documents and tools used by tests, demo and benchmarks
  ghostscript qpdf cups-ipp-utils cups-filters lprng socat dbus avahi-daemon procps
  iproute2 python3
  # /metrics parsed by the Prometheus client library's own parser (tests/server/operations_test)
  python3-prometheus-client
  # printline-tray (Qt 6 Widgets, QtDBus, QtTest), the X server its end-to-end test runs under,
  # and a real freedesktop notification server (dunst) that test checks the notifications with
  qt6-base-dev xvfb xauth dunst
  # a server that drops packets (D1) in a network namespace the client tests make
  nftables
  # tests/security: certificates made in the test (openssl), a throwaway second local account
  # (useradd from passwd, runuser from util-linux)
  openssl passwd util-linux
  # directory sync (src/directory): libldap, and the OpenLDAP server and tools its tests run
  # (tests/support/slapd_peer; the system's slapd is never started)
  libldap-dev slapd ldap-utils
  # the CUPS scheduler ipp_intake_bench measures against (not cups-bsd: it conflicts with lprng)
  cups-daemon
  # the web interface's browser tests: Debian's chromium driven by playwright-core from npm
  chromium nodejs
  # scripts/package.sh (CPack DEB; dpkg-shlibdeps computes Depends) and tests/packaging
  # (systemd-analyze verify on the units, groff on the man pages; machine_install_test runs
  # the shipped logrotate snippet and the packages' adduser/deluser)
  dpkg-dev systemd groff-base logrotate adduser
  # message catalogs (D14): xgettext/msgfmt for po/, Qt's lupdate/lrelease for the tray's .ts
  # files and Qt's own (its buttons), and the French locale the translation tests run under
  gettext qt6-l10n-tools qt6-translations-l10n locales
)

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: all ${#packages[@]} packages present"

# The locales the translation tests run under (LANG=fr_FR.UTF-8): generated once.
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
  $SUDO sed -i 's/^# *\(fr_FR\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen >/dev/null
fi
echo "install-deps: locale fr_FR.UTF-8 present"

# CUPS's own `lp` for the tests that print through a real cupsd queue. Debian's cups-client
# conflicts with lprng (whose lpd is the LPD test peer), so its binaries are unpacked into a
# private directory instead of installed; tests/support/cupsd_peer.cc looks for them there.
cups_client_dir=/usr/local/lib/printline-test-tools/cups-client
if [ ! -x "$cups_client_dir/usr/bin/lp" ]; then
  download_dir=$(mktemp -d)
  chmod 0777 "$download_dir"  # apt-get download runs as user _apt
  (cd "$download_dir" && $SUDO apt-get download -qq cups-client >/dev/null)
  $SUDO mkdir -p "$cups_client_dir"
  $SUDO dpkg-deb -x "$download_dir"/cups-client_*.deb "$cups_client_dir"
  rm -rf "$download_dir"
fi
echo "install-deps: CUPS lp at $cups_client_dir/usr/bin/lp"

# playwright-core for tests/web (pinned by its package-lock.json; it downloads no browser).
# Debian's npm, unless the installed nodejs already brings its own.
if ! command -v npm >/dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
(cd "$(dirname "$0")/../tests/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "install-deps: playwright-core in tests/web/node_modules"
