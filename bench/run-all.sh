#!/bin/bash
# Every benchmark of bench/README.md in one go, with the machine, date and commit on top.
# usage: bench/run-all.sh [BUILD_DIR] [WORK_DIR] [SCALE] [--with-scaled-peers]
#   BUILD_DIR  default build-bench next to this script's repo (targets vestige-make-corpus,
#              vestige-bench, vestige-index must be built)
#   WORK_DIR   default /tmp/bench; corpora are made there once and reused
#   SCALE      synthetic pages for the scaled corpus (default 10000)
# The peers on the scaled corpus take longest (omindex); they run only with --with-scaled-peers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=${1:-$repo/build-bench}
work=${2:-/tmp/bench}
scale=${3:-10000}
scaled_peers=${4:-}
aeb=${VESTIGE_AEB:-$repo/../shared/corpora/aeb/html}
mc=$build/bench/vestige-make-corpus
vb=$build/bench/vestige-bench
s=$work/s$scale

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD)" \
  "(working tree $(git -C "$repo" status --porcelain | wc -l | tr -d ' ') files changed)"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM; load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -d "$work/aeb/warc" ] || "$mc" --input "$aeb" --collection "$work/aeb" --files-out "$work/aeb-files"
[ -d "$s/warc" ] || "$mc" --input "$aeb" --collection "$s" --scale "$scale" --files-out "$s-files"

echo; echo "## peers on the real pages"; "$here/peers.sh" "$work/aeb" "$work/aeb-files" "$build" "$work/peers-aeb"
echo; echo "## vestige-bench index, real pages"; "$vb" index --collection "$work/aeb"
echo; echo "## vestige-bench index, $scale synthetic pages"; "$vb" index --collection "$s"
echo; echo "## vestige-bench query, $scale pages, 10 hits"
"$vb" query --collection "$s" --queries "$here/queries.tsv" --rounds 20
echo; echo "## vestige-bench query, $scale pages, counts only (--limit 0)"
"$vb" query --collection "$s" --queries "$here/queries.tsv" --rounds 20 --limit 0
if [ "$scaled_peers" = --with-scaled-peers ]; then
  echo; echo "## peers on $scale synthetic pages"; "$here/peers.sh" "$s" "$s-files" "$build" "$work/peers-s$scale"
fi
echo; echo "# done $(date -u '+%H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
