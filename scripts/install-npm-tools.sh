#!/usr/bin/env bash
# Installs the pinned npm tools the tests use (warcio, to read our WARC files as a third party)
# into BUILD/npm, from tests/npm/package-lock.json. Does nothing when already installed.
set -euo pipefail
build=${1:-build}
dest="$build/npm"
if [ -x "$dest/node_modules/.bin/warcio" ]; then
  exit 0
fi
mkdir -p "$dest"
cp tests/npm/package.json tests/npm/package-lock.json "$dest/"
(cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
