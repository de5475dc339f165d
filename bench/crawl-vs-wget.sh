#!/bin/bash
# The crawl benchmark (issue 3): vestige-crawl and `wget --recursive --warc-file` on the same
# generated loopback site, one after the other, each under /usr/bin/time -v, politeness delay 0
# for both. Prints pages/s, CPU seconds and peak RSS side by side, with the ratios.
#
# usage: bench/crawl-vs-wget.sh [BUILD_DIR] [WORK_DIR]
#   BUILD_DIR  where vestige-crawl and vestige-testserver were built (default: build next to
#              this script's repo)
#   WORK_DIR   scratch folder, emptied first (default: /tmp/vestige-crawl-bench)
# Environment: SITES (default 8), SECTIONS (32), ARTICLES (20): the site is SITES x (1 + SECTIONS
# x (1 + ARTICLES)) pages, 5,384 by default. CONCURRENCY (default: vestige-crawl's own, 16).
# LATENCY_MS (default 0): the servers wait this long before every response, as a network round
# trip would; 0 makes the run CPU-bound on both sides.
#
# The 8 host names are 8 ports on 127.0.0.1, one vestige-testserver each (wget has no --resolve,
# and this needs neither root nor /etc/hosts edits). Both crawlers get the same 8 seed URLs, follow
# the same links, get the same 404 for robots.txt, and write gzipped WARC files. wget also writes
# each page to disk (it needs the files to find links); vestige-crawl also keeps its SQLite state,
# crawl log and CDXJ index. Installs /usr/bin/time and wget with apt-get when missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
work=${2:-/tmp/vestige-crawl-bench}
crawl_bin=$build/crawler/vestige-crawl
server_bin=$build/testserver/vestige-testserver
for bin in "$crawl_bin" "$server_bin"; do
  [ -x "$bin" ] || { echo "missing $bin: cmake --build $build --target vestige-crawl vestige-testserver" >&2; exit 2; }
done

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v wget > /dev/null || need+=(wget)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y "${need[@]}"
fi

sites=${SITES:-8}
rm -rf "$work"
mkdir -p "$work"
pages=$(python3 "$here/make-crawl-site.py" "$work/site" --sites "$sites" \
  --sections "${SECTIONS:-32}" --articles "${ARTICLES:-20}")
site_bytes=$(du -sb "$work/site" | cut -f1)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap cleanup EXIT
seeds=()
for ((i = 0; i < sites; i++)); do
  "$server_bin" --root "$work/site/site$i" --port-file "$work/port$i" \
    --latency-ms "${LATENCY_MS:-0}" 2> "$work/server$i.log" &
  pids+=($!)
done
for ((i = 0; i < sites; i++)); do
  for _ in $(seq 100); do [ -s "$work/port$i" ] && break; sleep 0.05; done
  seeds+=("http://127.0.0.1:$(cat "$work/port$i")/")
done

# CPU seconds the servers have used so far (utime + stime of all of them), to tell what each
# crawl cost the machine's other side: on 2 cores the servers' CPU bounds every crawler too.
server_cpu() {
  local ticks=0 pid
  for pid in "${pids[@]}"; do
    ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}
declare -A server
server_before=$(server_cpu)

vestige_args=(--collection "$work/vestige" --delay 0 --max-pages 1000000)
[ -n "${CONCURRENCY:-}" ] && vestige_args+=(--concurrency "$CONCURRENCY")
for seed in "${seeds[@]}"; do vestige_args+=(--seed "$seed"); done
/usr/bin/time -v -o "$work/vestige.time" "$crawl_bin" "${vestige_args[@]}" 2> "$work/vestige.err"
server_after=$(server_cpu)
server[vestige]=$(awk -v a="$server_after" -v b="$server_before" 'BEGIN { printf "%.2f", a - b }')

mkdir -p "$work/wget"
# wget exits 8 when some fetch got an HTTP error (here the 404s for robots.txt).
/usr/bin/time -v -o "$work/wget.time" wget --recursive --level=inf --wait=0 --no-verbose \
  --warc-file="$work/wget/crawl" -P "$work/wget/files" "${seeds[@]}" 2> "$work/wget.log" || {
  rc=$?
  [ "$rc" -eq 8 ] || { echo "wget failed ($rc), see $work/wget.log" >&2; exit 2; }
}
server[wget]=$(awk -v a="$(server_cpu)" -v b="$server_after" 'BEGIN { printf "%.2f", a - b }')

# Pages each crawler got (HTTP 200 HTML pages), read from what it wrote.
vestige_got=$(grep -c '"kind":"page","status":200' "$work/vestige/crawl/crawl.log" || true)
wget_got=$(find "$work/wget/files" -name '*.html' | wc -l)

field() {  # field FILE LABEL: the value of one /usr/bin/time -v line
  grep -F "$2" "$1" | head -1 | sed 's/.*: //'
}
seconds() {  # "h:mm:ss" or "m:ss.ss" -> seconds
  echo "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}
declare -A wall cpu rss got
for who in vestige wget; do
  t="$work/$who.time"
  wall[$who]=$(seconds "$(field "$t" 'Elapsed (wall clock) time')")
  cpu[$who]=$(awk -v u="$(field "$t" 'User time')" -v s="$(field "$t" 'System time')" \
    'BEGIN { printf "%.2f", u + s }')
  rss[$who]=$(field "$t" 'Maximum resident set size')
done
got[vestige]=$vestige_got
got[wget]=$wget_got

echo "site: $pages pages on $sites hosts (127.0.0.1, $sites ports), $((site_bytes / 1024)) KiB of HTML," \
  "server latency ${LATENCY_MS:-0} ms"
printf '%-14s %8s %8s %10s %9s %12s %13s\n' crawler pages wall_s pages/s cpu_s peak_rss_MB \
  server_cpu_s
for who in vestige wget; do
  awk -v w="$who" -v p="${got[$who]}" -v t="${wall[$who]}" -v c="${cpu[$who]}" \
    -v r="${rss[$who]}" -v sv="${server[$who]}" 'BEGIN { printf "%-14s %8d %8.2f %10.1f %9.2f %12.1f %13.2f\n",
      (w == "vestige" ? "vestige-crawl" : "wget"), p, t, p / t, c, r / 1024, sv }'
done
awk -v pv="${got[vestige]}" -v tv="${wall[vestige]}" -v pw="${got[wget]}" -v tw="${wall[wget]}" \
  -v rv="${rss[vestige]}" -v rw="${rss[wget]}" -v cv="${cpu[vestige]}" -v cw="${cpu[wget]}" \
  'BEGIN { printf "vestige/wget: pages/s %.2fx (target >= 5x), peak RSS %.2fx (target <= 2x), CPU per page %.2fx\n",
    (pv / tv) / (pw / tw), rv / rw, (cv / pv) / (cw / pw) }'
if [ "${got[vestige]}" -ne "$pages" ] || [ "${got[wget]}" -ne "$pages" ]; then
  echo "warning: a crawler did not get every page ($pages): see $work/vestige.err, $work/wget.log" >&2
fi
tail -1 "$work/vestige.err"
