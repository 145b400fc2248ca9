#!/bin/sh
# Installs the Debian 12 packages Puratan Studio needs to build, run and test.
# Idempotent: only missing packages are installed. Run as root (or through sudo).
# Each package is listed with the reason it is needed; the README mirrors this list.
set -eu

PACKAGES="
# Build tools
build-essential         C compiler, make and libc headers
clang                   second compiler: the tree must build warning-free with gcc and clang
clang-format            checks that every C file follows .clang-format (make check)
libclang-rt-14-dev      sanitizer runtimes for clang builds
llvm                    llvm-symbolizer: sanitizer reports with function names, which the leak suppressions match
meson                   build system
ninja-build             meson's build backend
pkg-config              dependency discovery for meson
gettext                 msgfmt/xgettext for translations (po/)
# Libraries of the core layers
libglib2.0-dev          GLib, GObject, GIO: the base of every layer
libglib2.0-bin          glib-compile-resources and glib-compile-schemas
libjson-glib-dev        JSON parsing and generation for the core layer and the REST API
libicu-dev              CLDR locale data for money formatting (Indian digit grouping, symbols)
libsqlite3-dev          embedded shop database and design file format
liblcms2-dev            ICC colour management: profiles, transforms, soft proof, press CMYK conversion
libcairo2-dev           screen, PNG and proof rendering; Cairo PDF for quotes, invoices and tickets
libpango1.0-dev         text layout of design frames and business documents (HarfBuzz shaping, Indic scripts)
libharfbuzz-dev         font subsetting (harfbuzz-subset) for fonts embedded in print PDFs
libgdk-pixbuf-2.0-dev   decoding PNG, JPEG and TIFF images for designs and puratan proof
libtiff-dev             CMYK and grayscale TIFFs written to the print PDF in their own inks
zlib1g-dev              Flate compression of print PDF streams; tests write PNGs with an embedded ICC profile
libpoppler-glib-dev     Poppler: renders PDF pages (placed artwork, proofs, preflight previews)
libqpdf-dev             PDF structure reader: preflight inspection, placed pages kept vector
ghostscript             preflight ink coverage (pamcmyk32); tests: tiffsep separations, inkcov
libqrencode-dev         QR codes for UPI payment links and job tickets (orders layer), TOTP enrolment (server)
libsodium-dev           argon2id password hashes, HMAC-SHA256 token signatures, constant-time compares, secure random (auth layer)
libcurl4-openssl-dev    HTTP(S) client on worker threads: the sync layer (push, pull, sign-in) and online payment providers (Stripe, orders layer); libsoup stays the server's
libsecret-1-dev         the keyring (Secret Service, the Secret portal in the Flatpak): the sync layer keeps sign-in tokens there, never in files
# Programs
libgtk-4-dev            GTK 4 toolkit for puratan-studio
libgtk-4-bin            gtk4-broadwayd: headless display over HTTP on localhost
libadwaita-1-dev        GNOME HIG widgets for puratan-studio
libx11-dev              Xlib: the studio reads the display profile X publishes as _ICC_PROFILE
libsoup-3.0-dev         HTTP server for puratan-server and HTTP client in e2e tests
nettle-dev              SHA-256 with the CPU's SHA instructions: the server hashes tus uploads as they arrive
librsvg2-common         SVG loader for GdkPixbuf: the studio's own symbolic icons
adwaita-icon-theme      symbolic icons used by the studio
fonts-cantarell         GNOME UI font
fonts-noto-core         Devanagari and other Indic scripts for the Hindi UI and for designs
# Checks and tests
desktop-file-utils      desktop-file-validate, run by make check
appstream               appstreamcli validate for the metainfo, run by make check
xvfb                    X virtual framebuffer for the ui test suite
xauth                   needed by xvfb-run
dbus-daemon             dbus-run-session: a private session bus for the ui test suite
at-spi2-core            the accessibility bus GTK registers with (screen readers; the ui tests run with it)
libatspi2.0-dev         libatspi: the ui-atspi test drives the studio through AT-SPI, as a screen reader does
libxtst-dev             XTest: the canvas tests and bench send real pointer and key events to Xvfb
qpdf                    tests: qpdf --check of exported print PDFs; bench: joins corpus pages
poppler-utils           tests: pdffonts and pdftotext on exported PDFs, invoices and tickets; bench: preflight
systemd                 tests: systemd-analyze verify checks the server's systemd unit
zbar-tools              tests: zbarimg decodes the UPI and job-ticket QR codes the orders layer draws
fonts-urw-base35        tests: fonts with PostScript (CFF) outlines for the PDF writer's OpenType embedding
gnome-keyring           tests: a private Secret Service in the sync tests' own D-Bus session (tests/e2e/sync-keyring.sh)
openssl                 tests: makes the self-signed certificate of the server's TLS test
# Benchmarks only (bench/server.c skips itself without them)
wrk                     bench: measures the server's and nginx's requests per second and latency
nginx-light             bench: the baseline, serving the server's catalog JSON as a static file
"

missing=""
names=$(printf '%s\n' "$PACKAGES" | awk 'NF && $1 !~ /^#/ { print $1 }')
for pkg in $names; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $pkg"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all $(printf '%s\n' $names | wc -l) packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: run this script as root to install them" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
