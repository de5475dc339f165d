#!/bin/bash
# Peers, on the same pages, on the same machine, in one run (issue 7 §5): Vestige's indexer,
# omindex (Debian xapian-omega) and sphinxsearch's indexer (Debian sphinxsearch 2.2.11), each timed
# with /usr/bin/time -v, one after another. Prints docs/s, MB/s (of the HTML pages), peak RSS and
# ratios to Vestige, with what each peer does not do.
#
# usage: [VESTIGE_THREADS=N] bench/peers.sh COLLECTION FILES_DIR [BUILD_DIR] [WORK_DIR]
#   COLLECTION  a collection made by vestige-make-corpus (COLLECTION/warc/)
#   FILES_DIR   the same pages as files (vestige-make-corpus --files-out FILES_DIR)
#   BUILD_DIR   where vestige-index was built (default: build-bench next to this script's repo)
#   WORK_DIR    where the peers' indexes go (default: /tmp/vestige-peers)
# Installs /usr/bin/time, xapian-omega and sphinxsearch with apt-get when missing (sudo if not root).
# Not needed by `make test`: scripts/install-deps.sh does not install these.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
collection=${1:?usage: peers.sh COLLECTION FILES_DIR [BUILD_DIR] [WORK_DIR]}
files=${2:?usage: peers.sh COLLECTION FILES_DIR [BUILD_DIR] [WORK_DIR]}
build=${3:-$here/../build-bench}
work=${4:-/tmp/vestige-peers}
collection=$(cd "$collection" && pwd)
files=$(cd "$files" && pwd)

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v omindex > /dev/null || need+=(xapian-omega)
command -v xapian-delve > /dev/null || need+=(xapian-tools)
command -v indexer > /dev/null || need+=(sphinxsearch)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends "${need[@]}"
fi

index_bin=$build/indexer/vestige-index
[ -x "$index_bin" ] || { echo "peers.sh: no $index_bin: build the vestige-index target" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work"
docs=$(find "$files" -maxdepth 1 -name '*.html' | wc -l)
bytes=$(find "$files" -maxdepth 1 -name '*.html' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
echo "pages: $docs HTML files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB in $files"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
" $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM"

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets wall, rss_mb; output in $work/NAME.*
timed() {
  local name=$1
  shift
  echo "== $name: $(cut -d' ' -f1-3 /proc/loadavg) (load before)" >&2
  /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || {
    echo "peers.sh: $name failed; see $work/$name.err" >&2
    tail -5 "$work/$name.err" >&2
    exit 2
  }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
           for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/$name.time")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$work/$name.time")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/$name.time")
}

# 1. Vestige: the product binary, from the WARC files (gunzip, WARC and HTTP parsing included),
# once with one thread (like the peers) and once with $VESTIGE_THREADS worker threads (default:
# one per core, as vestige-index does by default). Ratios are to the second run.
threads=${VESTIGE_THREADS:-$(nproc)}
rm -rf "$collection/index"
timed vestige1 "$index_bin" --collection "$collection" --threads 1
v1_docs=$(xapian-delve "$collection/index" | awk -F'= ' '/number of documents/ {print $2}')
v1_wall=$wall v1_cpu=$cpu v1_rss=$rss_mb
rm -rf "$collection/index"
timed vestige "$index_bin" --collection "$collection" --threads "$threads"
v_docs=$(xapian-delve "$collection/index" | awk -F'= ' '/number of documents/ {print $2}')
v_wall=$wall v_cpu=$cpu v_rss=$rss_mb

# 2. omindex: the same pages as files; its own HTML parser, English stemming by default.
timed omindex omindex --db "$work/omega" --url / "$files"
o_docs=$(xapian-delve "$work/omega" | awk -F'= ' '/number of documents/ {print $2}')
o_wall=$wall o_cpu=$cpu o_rss=$rss_mb

# 3. sphinx: the same pages fed through xmlpipe2 (prepared before the timed run, so the timing
# is sphinx's indexer alone); html_strip removes tags, English stemming for parity.
python3 - "$files" "$work/sphinx.xml" <<'PY'
import os, re, sys
src, out = sys.argv[1], sys.argv[2]
bad = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f]')
with open(out, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<sphinx:docset>\n<sphinx:schema>'
            '<sphinx:field name="content"/></sphinx:schema>\n')
    for i, name in enumerate(sorted(n for n in os.listdir(src) if n.endswith('.html')), 1):
        with open(os.path.join(src, name), 'rb') as g:
            text = bad.sub(' ', g.read().decode('utf-8', 'replace'))
        text = text.replace(']]>', ']]]]><![CDATA[>')
        f.write('<sphinx:document id="%d"><content><![CDATA[%s]]></content></sphinx:document>\n'
                % (i, text))
    f.write('</sphinx:docset>\n')
PY
mkdir -p "$work/sphinx"
cat > "$work/sphinx.conf" <<CONF
source pages
{
  type = xmlpipe2
  xmlpipe_command = cat $work/sphinx.xml
}
index pages
{
  source = pages
  path = $work/sphinx/pages
  html_strip = 1
  html_remove_elements = style, script
  morphology = stem_en
}
indexer
{
  mem_limit = 256M
}
CONF
timed sphinx indexer --config "$work/sphinx.conf" --all
s_docs=$(sed -n 's/^total \([0-9]*\) docs.*/\1/p' "$work/sphinx.out" | head -1)
s_wall=$wall s_cpu=$cpu s_rss=$rss_mb

echo
printf '%-8s %7s %8s %8s %7s %9s %7s %10s  %s\n' system docs "wall s" "docs/s" "MB/s" \
  "docs/CPUs" "RSS MB" "vs Vestige" "what it does not do"
row() {  # name docs wall cpu rss note
  awk -v n="$1" -v d="$2" -v w="$3" -v c="$4" -v r="$5" -v b="$bytes" -v vw="$v_wall" \
      -v vd="$v_docs" -v note="$6" 'BEGIN {
    dps = (w > 0) ? d / w : 0; vdps = (vw > 0) ? vd / vw : 0; mbs = (w > 0) ? b / 1e6 / w : 0;
    ratio = (vdps > 0) ? dps / vdps : 0; dpc = (c > 0) ? d / c : 0;
    printf "%-8s %7d %8.2f %8.1f %7.2f %9.1f %7d %9.2fx  %s\n", n, d, w, dps, mbs, dpc, r, ratio,
           note }'
}
row "vestige" "$v_docs" "$v_wall" "$v_cpu" "$v_rss" \
  "$threads worker threads, 2 shards (does: main-text extraction, dates, language, person/crime facets, WARC pointers)"
row "vest-1t" "$v1_docs" "$v1_wall" "$v1_cpu" "$v1_rss" "the same, --threads 1"
row omindex "$o_docs" "$o_wall" "$o_cpu" "$o_rss" \
  "no boilerplate removal, no dates, no language detection, no facets; reads plain files"
row sphinx "$s_docs" "$s_wall" "$s_cpu" "$s_rss" \
  "strips tags only: no boilerplate removal, no dates, no language, no facets; no stored text"
echo "CPU seconds: vestige $v_cpu ($threads workers), vestige --threads 1 $v1_cpu, omindex $o_cpu," \
  "sphinx $s_cpu (omindex and sphinx are single-threaded)."
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg). Details: $work/*.time, *.out, *.err"
