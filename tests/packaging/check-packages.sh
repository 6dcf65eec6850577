#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian packages as a user gets them: built by CPack from the finished build, checked by
# lintian (no errors), desktop-file-validate and appstreamcli, unpacked into a temporary root
# whose programs must start; and the Flatpak manifest as flatpak-builder parses it. A missing tool
# skips its check (exit 77) with a clear message.
#   check-packages.sh STEP BUILD_DIR SOURCE_DIR VERSION
# STEP: build | lintian | desktop | appstream | unpack | flatpak
set -eu

step=$1
build=$2
source=$3
version=$4
packages=$build/packages

skip() {
    echo "SKIPPED: $1 is not installed (./packaging/install-deps.sh installs it)"
    exit 77
}

need() {
    command -v "$1" >/dev/null 2>&1 || skip "$1"
}

debs() {
    ls "$packages"/lapis_"$version"_*.deb "$packages"/lapis-relay_"$version"_*.deb 2>/dev/null
}

have_debs() {
    [ "$(debs | wc -l)" -eq 2 ] || { echo "FAIL: packages missing in $packages (run the packaging_build test)"; exit 1; }
}

case $step in
build)
    need dpkg-shlibdeps
    need dpkg-deb
    rm -rf "$packages"
    cd "$build"
    cpack -G DEB --config "$build/CPackConfig.cmake"
    have_debs
    for deb in $(debs); do
        echo "== $deb"
        dpkg-deb --info "$deb"
        dpkg-deb --contents "$deb"
    done
    ;;
lintian)
    need lintian
    have_debs
    status=0
    for deb in $(debs); do
        echo "== lintian $deb"
        out=$(lintian --tag-display-limit 0 "$deb" 2>&1) || true
        echo "$out"
        if echo "$out" | grep -q '^E: '; then
            echo "FAIL: lintian reports errors for $deb"
            status=1
        fi
    done
    exit $status
    ;;
desktop)
    need desktop-file-validate
    need dpkg-deb
    have_debs
    desktop-file-validate "$source/packaging/linux/org.lapis.Lapis.desktop"
    root=$(mktemp -d)
    trap 'rm -rf "$root"' EXIT
    dpkg-deb -x "$packages"/lapis_"$version"_*.deb "$root"
    if [ -e "$root/usr/bin/lapis" ]; then
        desktop-file-validate "$root/usr/share/applications/org.lapis.Lapis.desktop"
        for f in scalable/apps/org.lapis.Lapis.svg 48x48/apps/org.lapis.Lapis.png 256x256/apps/org.lapis.Lapis.png; do
            [ -s "$root/usr/share/icons/hicolor/$f" ] || { echo "FAIL: icon $f missing"; exit 1; }
        done
        file "$root/usr/share/icons/hicolor/256x256/apps/org.lapis.Lapis.png" | grep -q '256 x 256' \
            || { echo "FAIL: the 256x256 icon is not a 256x256 PNG"; exit 1; }
    else
        echo "NOTE: no desktop app in this build: only the source .desktop file was checked"
    fi
    echo "desktop files valid"
    ;;
appstream)
    need appstreamcli
    appstreamcli validate --no-net "$source/packaging/linux/org.lapis.Lapis.metainfo.xml"
    ;;
unpack)
    need dpkg-deb
    have_debs
    root=$(mktemp -d)
    trap 'rm -rf "$root"' EXIT
    for deb in $(debs); do
        dpkg-deb -x "$deb" "$root"
    done
    status=0
    for program in lapis-cli lapis-relay lapis; do
        binary=$root/usr/bin/$program
        if [ ! -e "$binary" ]; then
            [ "$program" = lapis ] && { echo "NOTE: no desktop app in this build"; continue; }
            echo "FAIL: $program is not in the packages"
            status=1
            continue
        fi
        # As from a terminal without a display (ssh, scripts): --version and --help need none.
        out=$(env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$binary" --version 2>&1) || { echo "FAIL: $program --version: $out"; status=1; continue; }
        echo "$program --version: $out"
        echo "$out" | grep -q "$version" || { echo "FAIL: $program does not report version $version"; status=1; }
        env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$binary" --help >/dev/null 2>&1 || { echo "FAIL: $program --help"; status=1; }
    done
    for f in usr/libexec/lapis/lapis-decoder usr/share/man/man1/lapis-cli.1.gz usr/share/man/man1/lapis-relay.1.gz \
        lib/systemd/system/lapis-relay.service etc/lapis-relay/lapis-relay.conf \
        usr/share/doc/lapis/copyright usr/share/doc/lapis-relay/changelog.gz; do
        [ -e "$root/$f" ] || { echo "FAIL: $f is not in the packages"; status=1; }
    done
    exit $status
    ;;
flatpak)
    # The manifest as flatpak-builder reads it (no runtime is fetched: building needs the network).
    need flatpak-builder
    manifest=$source/packaging/flatpak/org.lapis.Lapis.yml
    parsed=$(mktemp)
    trap 'rm -f "$parsed"' EXIT
    warnings=$(flatpak-builder --show-manifest "$manifest" 2>&1 >"$parsed") || { echo "FAIL: $warnings"; exit 1; }
    [ -z "$warnings" ] || { echo "FAIL: flatpak-builder warns: $warnings"; exit 1; }
    grep -q '"id" : "org.lapis.Lapis"' "$parsed" || { echo "FAIL: the manifest's id is not org.lapis.Lapis"; exit 1; }
    grep -q '"command" : "lapis"' "$parsed" || { echo "FAIL: the manifest does not start lapis"; exit 1; }
    [ -e "$source/packaging/linux/org.lapis.Lapis.desktop" ] || { echo "FAIL: no desktop file for the manifest's id"; exit 1; }
    echo "flatpak manifest: $(grep -c '"name" :' "$parsed") named entries, id org.lapis.Lapis"
    ;;
*)
    echo "unknown step $step"
    exit 2
    ;;
esac
