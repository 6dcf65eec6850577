#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Lapis (release preset) and starts it on its embedded default: a local relay on
# 127.0.0.1:7443 with its data under $LAPIS_LOCAL_DIR (default ~/.local/share/lapis-local),
# then the desktop app when it is built. Installs missing system packages first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./packaging/install-deps.sh
cmake --preset release
cmake --build --preset release

local_dir="${LAPIS_LOCAL_DIR:-$HOME/.local/share/lapis-local}"
mkdir -p "$local_dir/relay"
relay="$root/build/release/app/relay/lapis-relay"
desktop="$root/build/release/app/desktop/lapis"

if [ ! -x "$relay" ]; then
  echo "run-local: lapis-relay was not built" >&2
  exit 1
fi

if [ ! -x "$desktop" ]; then
  # No desktop app in this build yet: run the relay in the foreground.
  exec "$relay" --data "$local_dir/relay"
fi

"$relay" --data "$local_dir/relay" &
relay_pid=$!
trap 'kill -TERM "$relay_pid" 2>/dev/null; wait "$relay_pid" 2>/dev/null' EXIT
# The desktop app finds the local relay's certificate here for its first-run screen.
export LAPIS_LOCAL_RELAY=127.0.0.1:7443
export LAPIS_LOCAL_RELAY_CA="$local_dir/relay/tls/cert.pem"
"$desktop" "$@"
