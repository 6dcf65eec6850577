#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Lapis needs to build, run and test.
# Idempotent: asks apt only for what is missing, and runs `apt-get update`
# only when something is missing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build ccache g++ pkg-config clang libclang-rt-14-dev clang-format clang-tidy
  # Qt 6
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev qt6-multimedia-dev qt6-image-formats-plugins
  qml6-module-qtquick qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtquick-dialogs qml6-module-qttest
  # crypto, storage, transport, QR, keychain
  libsodium-dev libsqlcipher-dev sqlcipher libsqlite3-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libssl-dev
  libqrencode-dev libzxing-dev qtkeychain-qt6-dev
  # the relay's PostgreSQL backend (libpq) and the throwaway server its tests start
  # (tests/support PostgresServer: initdb/pg_ctl run as `nobody` via setpriv from util-linux)
  libpq-dev postgresql-15 postgresql-client-15 util-linux
  # the image decoder's sandbox (lapis-decoder: seccomp-bpf filter)
  libseccomp-dev
  # tests and benchmarks
  libgtest-dev libbenchmark-dev
  valgrind  # tst_crypto_mlkem_constant_time (memcheck, and valgrind/memcheck.h for its client requests)
  xvfb xauth zbar-tools oathtool dbus gnome-keyring
  # packages and their validation (CPack DEB, lintian, desktop files, AppStream, Flatpak manifest)
  dpkg-dev file lintian desktop-file-utils appstream flatpak-builder
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
