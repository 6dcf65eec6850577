#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test inside a private D-Bus session with an unlocked gnome-keyring and a temporary HOME.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- sh -c 'echo -n lapis-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
