#!/usr/bin/env bash
# Installs the Debian 12 packages Vestige needs, only those missing. Runs apt-get as root, or
# through sudo otherwise. Safe to run again: it does nothing when all is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libxapian-dev xapian-tools        # index and query; xapian-tcpsrv for remote shards
  libcurl4-openssl-dev              # the crawler's HTTP client
  libgumbo-dev                      # HTML5 parsing
  libboost-program-options-dev      # command-line options
  doctest-dev                       # tests
  libsqlite3-dev                    # crawl state
  libicu-dev                        # charsets, transliteration
  libcld2-dev                       # language detection (CLD2)
  zlib1g-dev                        # inflating gzip (WARC members, Content-Encoding)
  libdeflate-dev                    # writing gzip WARC members, twice zlib's speed
  libssl-dev                        # SHA-1/SHA-256 digests
  nlohmann-json3-dev                # JSON output and document data
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# Node.js and npm run warcio, the third-party WARC reader the tests check our files with. They
# may come from outside Debian's packages (as on some images): any working npx will do.
if ! command -v npx >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "install-deps: not root and no sudo; install these packages: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
