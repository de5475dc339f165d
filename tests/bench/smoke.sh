#!/bin/bash
# Smoke test of the bench programs (ctest bench_smoke): builds a tiny corpus from the bundled
# sample site, scales it up a little, indexes it and runs the query file. Checks that each step
# succeeds and prints what it should; timings are not checked (benchmarks are not timed tests).
# usage: smoke.sh MAKE_CORPUS_BIN BENCH_BIN SOURCE_DIR WORK_DIR
set -euo pipefail
make_corpus=$1 bench=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"

fail() { echo "bench_smoke: $*" >&2; exit 1; }

# 1. The sample site's pages as they are.
"$make_corpus" --input "$src/data/sample-site" --collection "$work/plain" --files-out "$work/files" \
  > "$work/plain.txt"
grep -q '^pages 50 ' "$work/plain.txt" || fail "make-corpus did not write 50 pages: $(cat "$work/plain.txt")"
[ "$(ls "$work/files" | wc -l)" -eq 50 ] || fail "--files-out did not write 50 files"

# 2. Scale mode: 120 synthetic pages from the sample site's paragraphs.
"$make_corpus" --input "$src/data/sample-site" --collection "$work/scaled" --scale 120 --seed 7 \
  > "$work/scaled.txt"
grep -q '^pages 120 ' "$work/scaled.txt" || fail "scale mode: $(cat "$work/scaled.txt")"

# 3. Index both; every page becomes a document.
for c in plain:50 scaled:120; do
  name=${c%%:*} want=${c##*:}
  "$bench" index --collection "$work/$name" > "$work/index-$name.txt" || \
    fail "index $name failed: $(cat "$work/index-$name.txt")"
  grep -q "^summary docs=$want " "$work/index-$name.txt" || \
    fail "index $name: want $want docs: $(cat "$work/index-$name.txt")"
  for stage in "read WARC" decode parse extract detect "Xapian add" commit; do
    grep -q "^  $stage " "$work/index-$name.txt" || fail "index $name: no stage \"$stage\""
  done
done

# 4. Queries: every line of the bundled query file runs without error.
"$bench" query --collection "$work/scaled" --queries "$src/bench/queries.tsv" --rounds 2 \
  --warmup 1 > "$work/query.txt" || fail "query failed: $(cat "$work/query.txt")"
for type in term and or phrase date person crime facets two-filters+f; do
  grep -q "^$type " "$work/query.txt" || fail "query: no line for type $type"
done
echo "bench_smoke: OK"
cat "$work/index-scaled.txt" "$work/query.txt"
