#!/bin/bash
# Starts the freshly built puratan-studio from the build tree (used by `make run`).
#
# The environment comes from `meson devenv` (see the devenv object in meson.build): shipped
# data, the compiled GSettings schema and the icons from the source and build trees, so the
# studio runs here exactly as `meson devenv -C BUILD puratan-studio` runs it.
#
# With a Wayland or X11 display it opens there. Without one it says so and serves the
# studio through GTK's Broadway backend on 127.0.0.1, to be opened in a web browser.
# Environment: PURATAN_BROADWAY_PORT (default 8085), PURATAN_BROADWAY_DISPLAY (default :5),
# MESON (default meson).
set -eu

build_dir=${1:-build}
[ $# -gt 0 ] && shift
studio="$build_dir/src/studio/puratan-studio"

if [ ! -x "$studio" ]; then
  echo "run-studio: $studio is missing; run 'make build' first" >&2
  exit 1
fi

# GLib reads the system folders only while XDG_DATA_DIRS is unset; keep them once it is set.
XDG_DATA_DIRS=${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-}
if ! devenv=$("${MESON:-meson}" devenv -C "$build_dir" --dump); then
  echo "run-studio: 'meson devenv -C $build_dir --dump' failed; run 'make build' first" >&2
  exit 1
fi
eval "$devenv"
GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR%:}
export GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS

echo "run-studio: shop database: ${XDG_DATA_HOME:-$HOME/.local/share}/puratan-studio/shop.sqlite3"

if [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${DISPLAY:-}" ]; then
  exec "$studio" "$@"
fi

port=${PURATAN_BROADWAY_PORT:-8085}
display=${PURATAN_BROADWAY_DISPLAY:-:5}

case $port in
  '' | *[!0-9]*)
    echo "run-studio: PURATAN_BROADWAY_PORT must be a TCP port number, not '$port'" >&2
    exit 1
    ;;
esac
case $display in
  :[0-9]*) ;;
  *)
    echo "run-studio: PURATAN_BROADWAY_DISPLAY must look like :5, not '$display'" >&2
    exit 1
    ;;
esac

if ! command -v gtk4-broadwayd >/dev/null 2>&1; then
  echo "run-studio: no display found (neither WAYLAND_DISPLAY nor DISPLAY is set)," >&2
  echo "run-studio: and gtk4-broadwayd (Debian package libgtk-4-bin) is not installed." >&2
  exit 1
fi

port_taken_message() {
  echo "run-studio: port $port on 127.0.0.1 is already in use, so the studio cannot be served" >&2
  echo "run-studio: there. Choose a free port with PURATAN_BROADWAY_PORT, for example:" >&2
  echo "run-studio:   PURATAN_BROADWAY_PORT=$((port + 1)) make run" >&2
}

# Something answering on the port already: say so before starting anything.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  port_taken_message
  exit 1
fi

# Broadway's socket lives in the runtime folder, which GLib takes from XDG_RUNTIME_DIR or
# else from the cache folder under $HOME. Neither may exist (a container or a service account
# with HOME=/nonexistent): make a private one.
made_runtime_dir=
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  XDG_RUNTIME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/puratan-runtime-XXXXXX")
  made_runtime_dir=$XDG_RUNTIME_DIR
elif [ ! -d "$XDG_RUNTIME_DIR" ]; then
  mkdir -p "$(dirname "$XDG_RUNTIME_DIR")"
  mkdir -m 0700 "$XDG_RUNTIME_DIR"
fi
export XDG_RUNTIME_DIR
broadway_log="$XDG_RUNTIME_DIR/puratan-broadwayd-${display#:}.log"

broadwayd=
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  if [ -n "$broadwayd" ]; then
    kill "$broadwayd" 2>/dev/null || true
    wait "$broadwayd" 2>/dev/null || true
  fi
  rm -f "$broadway_log"
  if [ -n "$made_runtime_dir" ]; then
    rm -rf "$made_runtime_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gtk4-broadwayd --address 127.0.0.1 --port "$port" "$display" >"$broadway_log" 2>&1 &
broadwayd=$!

# Ready once it has its socket and answers on the port; it exits at once when it cannot.
ready=
for _ in $(seq 1 200); do
  if ! kill -0 "$broadwayd" 2>/dev/null; then
    break
  fi
  if grep -q '^Listening on' "$broadway_log" &&
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.05
done
if [ -z "$ready" ]; then
  if grep -q 'already in use' "$broadway_log"; then
    port_taken_message
  else
    echo "run-studio: gtk4-broadwayd did not start on 127.0.0.1:$port (display $display):" >&2
    sed 's/^/run-studio:   /' "$broadway_log" >&2
    echo "run-studio: another port can be chosen with PURATAN_BROADWAY_PORT" >&2
  fi
  exit 1
fi

cat <<MSG
run-studio: no display found (neither WAYLAND_DISPLAY nor DISPLAY is set).
run-studio: serving Puratan Studio through GTK's Broadway backend instead:
run-studio:   open http://127.0.0.1:$port/ in a web browser on this machine,
run-studio:   or from another one after: ssh -L $port:127.0.0.1:$port THIS-HOST
run-studio: press Ctrl+C here to stop.
MSG

status=0
GDK_BACKEND=broadway BROADWAY_DISPLAY="$display" "$studio" "$@" || status=$?
exit "$status"
