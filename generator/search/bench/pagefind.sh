#!/usr/bin/env bash
# Side-by-side indexing benchmark: npm's Pagefind and our search index over
# the same folder of built HTML pages (pages should carry lang="zh-CN").
#
#   generator/search/bench/pagefind.sh <folder-of-html> [pagefind-version]
#   generator/search/bench/pagefind.sh --synth 10000    # make synthetic pages first
#
# Prints, for each tool: indexing wall time, peak RSS (/usr/bin/time -v),
# bytes on disk, and the bytes a first query needs before any result shows.
# For ours that figure comes from running the page's own search code in Node
# (searchtest); for Pagefind it is the files every first query loads
# (pagefind.js, entry, wasm, meta) plus one average index chunk and five
# average fragments: a lower bound, not a browser measurement.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/searchbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ "${1:-}" == "--synth" ]]; then
  site="$work/site"
  (cd "$root" && go run ./generator/search/cmd/indexhtml -synth "${2:-10000}" -site "$site")
  shift 2
else
  site=$(cd "${1:?usage: pagefind.sh <folder-of-html> [version] | --synth N}" && pwd)
  shift
fi
version=${1:-$(npm view pagefind version)}

echo "pages: $(find "$site" -name '*.html' | wc -l) in $site ($(du -sh "$site" | cut -f1))"
echo "installing pagefind@$version"
npm install --silent --no-audit --no-fund --prefix "$work/npm" "pagefind@$version" >/dev/null

measure() { # label, command…
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/$label.log" 2>&1 || { cat "$work/$label.log"; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  printf '%-9s time %-9s peak RSS %6d MiB\n' "$label" "$wall" $((rss / 1024))
}

measure pagefind "$work/npm/node_modules/.bin/pagefind" --site "$site" --output-path "$work/pagefind"
grep -iE 'extended|language|indexed' "$work/pagefind.log" | head -5 | sed 's/^/          /'

(cd "$root" && go build -o "$work/indexhtml" ./generator/search/cmd/indexhtml)
measure ours "$work/indexhtml" -site "$site" -out "$work/ours"

bytes() { du -sb "$1" | cut -f1; }
count() { find "$1" -type f | wc -l; }
printf '%-9s on disk %10d bytes in %6d files\n' pagefind "$(bytes "$work/pagefind")" "$(count "$work/pagefind")"
printf '%-9s on disk %10d bytes in %6d files\n' ours "$(bytes "$work/ours")" "$(count "$work/ours")"

pf=$work/pagefind
fixed=0
for f in "$pf/pagefind.js" "$pf/pagefind-entry.json" "$pf"/wasm.*.pagefind "$pf"/pagefind.*.pf_meta; do
  [[ -f "$f" ]] && fixed=$((fixed + $(stat -c %s "$f")))
done
avg() { find "$1" -type f -name "$2" -printf '%s\n' | awk '{s+=$1; n++} END {if (n) printf "%d", s/n; else print 0}'; }
chunk=$(avg "$pf/index" '*.pf_index')
frag=$(avg "$pf/fragment" '*.pf_fragment')
printf 'pagefind  first query ≥ %d bytes (fixed %d + 1 index chunk %d + 5 fragments × %d; gzip-compressed files)\n' \
  $((fixed + chunk + 5 * frag)) "$fixed" "$chunk" "$frag"

# Ours, measured by running theme/ts/search-core.ts in Node over the index.
(cd "$root" && SEARCH_BENCH_INDEX="$work/ours/search" go test -run '^TestBenchFirstQuery$' -count=1 -v ./generator/search/ 2>&1 |
  grep -E 'first query|FAIL|ok' | sed 's/^ *//')
