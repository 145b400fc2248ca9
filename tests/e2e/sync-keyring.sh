#!/bin/sh
# sync-keyring.sh: runs a test program in a D-Bus session of its own, with a private
# gnome-keyring whose login keyring is made and unlocked for the test, so the test's sign-ins
# use the real keyring (libsecret's Secret Service) and never the user's.
#
# Copyright 2026 Puratan Printers
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "dbus-run-session and gnome-keyring-daemon are needed (build-aux/install-deps.sh)" >&2
  exit 77
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/puratan-keyring-XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir -m 0700 "$dir/home" "$dir/data" "$dir/run"

status=0
HOME="$dir/home" XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" KEYRING_LOG="$dir/keyring.log" \
  dbus-run-session -- sh -c '
    # A fresh login keyring, unlocked with a throw-away password read from standard input;
    # the daemon stays in the foreground of this shell so it is stopped with the test. Its
    # harmless warnings must not be fatal to it, as G_DEBUG makes them for the test.
    printf "%s" "puratan-test-keyring" |
      env -u G_DEBUG gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>"$KEYRING_LOG" &
    daemon=$!
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q "boolean true"; do
      tries=$((tries + 1))
      if [ $tries -gt 100 ]; then echo "the keyring did not start" >&2; cat "$KEYRING_LOG" >&2; exit 1; fi
      sleep 0.1
    done
    status=0
    "$@" || status=$?
    kill $daemon 2>/dev/null || true
    wait $daemon 2>/dev/null || true
    if [ $status -ne 0 ]; then echo "keyring log:" >&2; cat "$KEYRING_LOG" >&2; fi
    exit $status' sh "$@" || status=$?
exit $status
