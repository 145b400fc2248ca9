#!/bin/sh
# Source hygiene, run by `meson test --suite lint`:
#  - every C file matches .clang-format;
#  - every C file stays under 1,000 lines (split by concern past that; see the README).
# Usage: check-source.sh SOURCE_ROOT
set -eu
root=${1:?usage: check-source.sh SOURCE_ROOT}
cd "$root"

files=$(find src tests bench -name '*.[ch]' -type f | sort)
status=0

if ! clang-format --dry-run -Werror $files; then
  echo "check-source: run 'make format' to apply .clang-format" >&2
  status=1
fi

for f in $files; do
  lines=$(wc -l < "$f")
  if [ "$lines" -ge 1000 ]; then
    echo "check-source: $f has $lines lines; split it by concern" >&2
    status=1
  fi
done

count=$(printf '%s\n' $files | wc -l)
[ "$status" -eq 0 ] && echo "check-source: $count C files formatted and under 1,000 lines"
exit "$status"
