#!/bin/sh
# Starts the freshly built puratan-studio from the build tree (used by `make run`).
#
# With a Wayland or X11 display it opens there. Without one it says so and serves the
# studio through GTK's Broadway backend on 127.0.0.1, to be opened in a web browser.
# Environment: PURATAN_BROADWAY_PORT (default 8085) and PURATAN_BROADWAY_DISPLAY (default :5).
set -eu

build_dir=${1:-build}
[ $# -gt 0 ] && shift
studio="$build_dir/src/studio/puratan-studio"

if [ ! -x "$studio" ]; then
  echo "run-studio: $studio is missing; run 'make build' first" >&2
  exit 1
fi

# Run uninstalled: the compiled GSettings schema and the icons come from the build tree.
GSETTINGS_SCHEMA_DIR="$build_dir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
XDG_DATA_DIRS="$(pwd)/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
PURATAN_DATA_DIR="$(pwd)/data"
export GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS PURATAN_DATA_DIR

echo "run-studio: shop database: ${XDG_DATA_HOME:-$HOME/.local/share}/puratan-studio/shop.sqlite3"

if [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${DISPLAY:-}" ]; then
  exec "$studio" "$@"
fi

port=${PURATAN_BROADWAY_PORT:-8085}
display=${PURATAN_BROADWAY_DISPLAY:-:5}

if ! command -v gtk4-broadwayd >/dev/null 2>&1; then
  echo "run-studio: no display found (neither WAYLAND_DISPLAY nor DISPLAY is set)," >&2
  echo "run-studio: and gtk4-broadwayd (Debian package libgtk-4-bin) is not installed." >&2
  exit 1
fi

cat <<MSG
run-studio: no display found (neither WAYLAND_DISPLAY nor DISPLAY is set).
run-studio: serving Puratan Studio through GTK's Broadway backend instead:
run-studio:   open http://127.0.0.1:$port/ in a web browser on this machine,
run-studio:   or from another one after: ssh -L $port:127.0.0.1:$port THIS-HOST
run-studio: press Ctrl+C here to stop.
MSG

gtk4-broadwayd --address 127.0.0.1 --port "$port" "$display" &
broadwayd=$!
trap 'kill "$broadwayd" 2>/dev/null || true' EXIT INT TERM
sleep 1
GDK_BACKEND=broadway BROADWAY_DISPLAY="$display" "$studio" "$@"
