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
  libcpp-httplib-dev zlib1g-dev
  # storage: PostgreSQL client library, and the server the storage suite starts
  libpq-dev postgresql
  # real printer peers, documents and tools used by tests, demo and benchmarks
  ghostscript qpdf cups-ipp-utils cups-filters lprng socat dbus avahi-daemon procps
  iproute2 python3
  # the CUPS scheduler ipp_intake_bench measures against (not cups-bsd: it conflicts with lprng)
  cups-daemon
)

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: all ${#packages[@]} packages present"
