#!/usr/bin/env bash
# Side-by-side benchmark: npm's Pagefind and our search index over the same
# folder of built HTML pages (pages should carry lang="zh-CN").
#
#   generator/search/bench/pagefind.sh <edition-folder> [pagefind-version]
#   generator/search/bench/pagefind.sh --gen 10000     # generate and build first
#
# <edition-folder> is one built edition, e.g. OUT/latest of
# `handbook build -source DIR -out OUT`; with --gen the script makes a tree
# with generator/bench/cmd/gentree and builds it. Prints, for each tool:
# indexing wall time and peak RSS (/usr/bin/time -v; ours is
# generator/search/cmd/indexhtml over the same HTML, as Pagefind reads it),
# bytes on disk, and, measured in headless Chromium by
# generator/search/cmd/searchbench over 50 queries: bytes fetched by a first
# query (index files plus the engine's search script, from a plain static
# server without compression) and its time, p50/p95, and the time of later
# queries with the index open; the first query again as a search box runs
# it (index opened on focus, the query's index files fetched during the
# box's 60 ms pause: Pagefind's init() and preload()); and for ours the
# floor of its file layout: the same files fetched again in the same
# rounds, nothing computed. Our
# query side uses the edition's own index (<edition-folder>/search) when
# there is one.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/searchbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ "${1:-}" == "--gen" ]]; then
  (cd "$root" && go run ./generator/bench/cmd/gentree -out "$work/tree" -pages "${2:-10000}" &&
    go build -o "$work/handbook" ./generator/cmd/handbook &&
    "$work/handbook" build -source "$work/tree" -out "$work/built" >/dev/null)
  site="$work/built/latest"
  shift 2
else
  site=$(cd "${1:?usage: pagefind.sh <edition-folder> [version] | --gen N}" && pwd)
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
  printf '%-9s indexing time %-9s peak RSS %6d MiB\n' "$label" "$wall" $((rss / 1024))
}

measure pagefind "$work/npm/node_modules/.bin/pagefind" --site "$site" --output-path "$work/pagefind"
grep -iE 'extended|language|indexed' "$work/pagefind.log" | head -5 | sed 's/^/          /'

(cd "$root" && go build -o "$work/indexhtml" ./generator/search/cmd/indexhtml)
measure ours "$work/indexhtml" -site "$site" -out "$work/ours"

bytes() { du -sb "$1" | cut -f1; }
count() { find "$1" -type f | wc -l; }
printf '%-9s on disk %10d bytes in %6d files\n' pagefind "$(bytes "$work/pagefind")" "$(count "$work/pagefind")"
printf '%-9s on disk %10d bytes in %6d files\n' ours "$(bytes "$work/ours")" "$(count "$work/ours")"

index="$work/ours/search"
[[ -f "$site/search/meta.json" ]] && index="$site/search"
(cd "$root" && go build -o "$work/searchbench" ./generator/search/cmd/searchbench)
"$work/searchbench" -index "$index" -pagefind "$work/pagefind" -floor -box
