#!/usr/bin/env bash
# The README's demo: serve data/sample-site/ on 127.0.0.1, crawl its three hosts by name (mapped
# to the loopback address with --resolve, as curl does), index the archive, and run three example
# queries. Usage: scripts/demo.sh [BUILD_DIR]   (make demo runs it after building)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build"
for b in testserver/vestige-testserver crawler/vestige-crawl indexer/vestige-index query/vestige-query; do
  [ -x "$bin/$b" ] || { echo "demo: $bin/$b is missing: run 'make demo' (it builds first)" >&2; exit 2; }
done

collection=${VESTIGE_DEMO_COLLECTION:-demo-collection}
rm -rf "$collection"
mkdir -p "$collection"
workdir=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$workdir"
}
trap cleanup EXIT

"$bin/testserver/vestige-testserver" --root data/sample-site --port 0 \
  --port-file "$workdir/port" >"$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  [ -s "$workdir/port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 2; }
  sleep 0.1
done
[ -s "$workdir/port" ] || { echo "demo: the sample-site server did not start" >&2; exit 2; }
port=$(cat "$workdir/port")

hosts=(naviny.example pravo.example accountability.example)
crawl_args=()
for h in "${hosts[@]}"; do
  crawl_args+=(--seed "http://$h:$port/" --resolve "$h:$port:127.0.0.1")
done

echo "== vestige-crawl: the sample site on 127.0.0.1:$port (${hosts[*]})"
"$bin/crawler/vestige-crawl" --collection "$collection" --delay 0.05 "${crawl_args[@]}"
echo
echo "== vestige-index"
"$bin/indexer/vestige-index" --collection "$collection"

run_query() {
  echo
  echo "== vestige-query $*"
  # Exit 1 means no hits: worth showing, not a failure of the demo.
  "$bin/query/vestige-query" --collection "$collection" --limit 3 "$@" || [ $? -eq 1 ]
}
run_query '"political prisoners"'
run_query 'катаванні OR пытки'
run_query 'приговор Беляцкому'
echo
echo "The collection is in $collection/ (warc/, index/, crawl/). Try:"
echo "  $bin/query/vestige-query --collection $collection --format json torture"
