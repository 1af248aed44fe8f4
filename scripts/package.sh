#!/usr/bin/env bash
# Builds the Debian packages printline-server, printline-client and printline-tray (CPack DEB,
# dependencies from dpkg-shlibdeps, maintainer scripts from packaging/debian/).
#
#   scripts/package.sh [--build-dir DIR] [--output DIR] [--no-build] [--version VERSION]
#
# --build-dir  the CMake build to package (default build-package, configured with prefix /usr
#              and built here); an existing build is reused as it is.
# --output     where the .deb files go (default packages/).
# --no-build   package what DIR already holds (tests/packaging does, after ctest's build).
# --version    the packages' upstream version instead of the project's (e.g. 0.1.1 makes
#              printline-server_0.1.1-1_*.deb); the programs are packaged as built, not rebuilt
#              (tests/packaging/machine_install_test.sh upgrades to such packages).
# Needs dpkg-dev (dpkg-shlibdeps) and the build dependencies: scripts/install-deps.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build-package"
output_dir="$root/packages"
build=1
version=
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --output) output_dir=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --version) version=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument $1; see scripts/package.sh --help" >&2; exit 2 ;;
  esac
done

for tool in cmake cpack dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null; then
    echo "package.sh: $tool is missing; run scripts/install-deps.sh" >&2
    exit 1
  fi
done

if [ ! -f "$build_dir/CPackConfig.cmake" ]; then
  if [ "$build" -eq 0 ]; then
    echo "package.sh: $build_dir is not a configured Printline build; drop --no-build" >&2
    exit 1
  fi
  # Only the programs: no tests or benchmarks to build for a package.
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_INSTALL_PREFIX=/usr -DPRINTLINE_BENCH=OFF -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
fi
if [ "$build" -eq 1 ]; then
  targets=(printline-server printline-client printline printline-cups-backend printline-man-pages)
  if grep -q '^printline-tray:' <(cmake --build "$build_dir" --target help 2>/dev/null); then
    targets+=(printline-tray)
  fi
  cmake --build "$build_dir" --target "${targets[@]}"
fi

version_options=()
if [ -n "$version" ]; then
  if ! [[ $version =~ ^[0-9][A-Za-z0-9.+~]*$ ]]; then
    echo "package.sh: --version $version is not a Debian upstream version (e.g. 0.1.1)" >&2
    exit 2
  fi
  # cpack's -D wins over CPackConfig.cmake; the tray's Depends names the client's version, so
  # it follows (the Debian revision stays CPACK_DEBIAN_PACKAGE_RELEASE).
  release=$(sed -n 's/^set(CPACK_DEBIAN_PACKAGE_RELEASE "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
  version_options=(-D "CPACK_PACKAGE_VERSION=$version"
    -D "CPACK_DEBIAN_TRAY_PACKAGE_DEPENDS=printline-client (= $version-${release:-1})")
fi

mkdir -p "$output_dir"
output_dir=$(cd "$output_dir" && pwd)
# CPack's scratch directory beside the packages, so parallel runs do not share one.
cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$output_dir/_cpack" "${version_options[@]}" >"$output_dir/cpack.log" 2>&1 || {
  cat "$output_dir/cpack.log" >&2
  echo "package.sh: cpack failed (log above)" >&2
  exit 1
}
mv "$output_dir"/_cpack/*.deb "$output_dir"/
rm -rf "$output_dir/_cpack"
for deb in "$output_dir"/*.deb; do
  echo "package.sh: $deb"
done
