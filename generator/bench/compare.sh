#!/usr/bin/env bash
# Builds the same generated tree of Chinese policy pages with Hugo and with
# handbook, several times each and alternately, and prints medians of wall
# time and peak memory, the ratios handbook/Hugo, a rebuild after editing
# one page, and (when generator/search/bench/pagefind.sh exists) Pagefind
# against our search indexing. Ends with a Markdown table for the README.
#
# handbook is timed twice per round: building the site alone
# (-search=false), which is what Hugo builds, and the site with its search
# index, which is what Hugo and Pagefind together build.
#
#   generator/bench/compare.sh [PAGES] [RUNS] [SEED]     defaults: 10000 5 1
#
# Needs: go, hugo, GNU time at /usr/bin/time (Debian: apt-get install time);
# npm for the Pagefind part. KEEP=1 keeps the work folder; PAGEFIND_VERSION
# pins Pagefind's version.
#
# How it measures:
# - the tree comes from generator/bench/gentree (DIR/content for handbook,
#   DIR itself is the Hugo site with equivalent minimal layouts);
# - one untimed warm-up build each, then RUNS builds of each, alternating
#   hugo, handbook, hugo, … so both see the same machine load;
# - each full build writes into a new output folder and, for handbook, uses
#   a new, empty cache folder (XDG_CACHE_HOME), so a build cache cannot make
#   a "full" build incremental; the rebuilds keep the last ones;
# - nothing is deleted until the end: on a file system without a journal
#   (this VM's ext4) creating a file skips, one by one, the inodes deleted
#   in the last 1–6 minutes, so a build that follows the removal of the
#   last one's 20,000 files and folders creates its own two to four times
#   slower (perf: ext4 recently_deleted under the parent folder's lock),
#   by an amount that depends on how many were deleted and when — the
#   "disk noise" earlier runs saw. Each timed build, Hugo's and ours, gets
#   a file system where nothing was deleted recently — provided nothing
#   big was deleted in the 6 minutes before the script starts: not its own
#   work folder from a previous run (removed when it ends), not anything
#   else. A run right after such a deletion measured 0.65x and 0.199x where
#   runs 10 minutes apart measured 0.48-0.57x and 0.12-0.14x;
# - handbook runs from the module root, as it would in the project (it can
#   find calculator/ there); a generated tree has no rules.toml, so no
#   calculator WebAssembly is built or copied;
# - before each timed build, an untimed sync, so that no build pays for
#   writing out the one before (Hugo leaves its output unflushed);
# - wall time and peak RSS come from /usr/bin/time -f '%e %M'.
set -euo pipefail

pages=${1:-10000}
runs=${2:-5}
seed=${3:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)

die() { echo "compare.sh: $*" >&2; exit 1; }
command -v go >/dev/null || die "go is not installed"
command -v hugo >/dev/null || die "hugo is not installed (Debian: apt-get install hugo)"
if ! [[ -x /usr/bin/time ]] || ! /usr/bin/time -f '%e' true >/dev/null 2>&1; then
  die "GNU time is missing at /usr/bin/time (Debian: apt-get install time)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/handbook-bench.XXXXXX")
if [[ "${KEEP:-}" == 1 ]]; then
  echo "work folder (kept): $work"
else
  trap 'rm -rf "$work"' EXIT
fi
site=$work/site
bin=$work/bin
# Every build stays until the end: about 120 KB a page for each round
# (Hugo's output, ours with and without search, our caches, the floor's
# copy), the warm-up included.
need=$(((runs + 1) * pages * 12 / 100))
free=$(df -Pm "$work" | awk 'NR == 2 {print $4}')
((free > need)) || die "needs about $need MB free in $work for the builds it keeps until the end, has $free MB"

echo "== setup"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(go version | cut -d' ' -f3); $(hugo version | cut -d' ' -f1-2)"
(cd "$root" && go build -o "$bin/gentree" ./generator/bench/cmd/gentree && go build -o "$bin/handbook" ./generator/cmd/handbook &&
  go build -o "$bin/writefloor" ./generator/bench/cmd/writefloor)
"$bin/gentree" -out "$site" -pages "$pages" -seed "$seed"
md_bytes=$(find "$site/content" -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "tree: $pages pages, $(find "$site/content" -name '*.md' | wc -l) Markdown files, $((md_bytes / 1024)) KiB"

# measure LABEL CMD… runs CMD under /usr/bin/time and sets wall (s), rss
# (KiB) and cpu (user + system, s).
measure() {
  local label=$1; shift
  if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" >"$work/$label.log" 2>&1; then
    cat "$work/$label.log" >&2
    die "$label failed (log above)"
  fi
  read -r wall rss user sys <"$work/time.txt"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
}

# Each timed build starts with nothing of the last one waiting to be
# written: Hugo does not flush its output, so without the untimed sync its
# 200 MB would still be in the page cache, dirty, when handbook's build
# flushes the file system (syncfs) at its end, and handbook's time would
# include writing Hugo's pages.
# RUN names the folders of one round: out-hugo-RUN, out-site-RUN and
# out-handbook-RUN with cache-site-RUN and cache-handbook-RUN, floor-RUN.
run_hugo() {
  sync
  measure hugo hugo --quiet -s "$site" -d "$work/out-hugo-$1"
}
# ours KIND RUN [FLAG…]: a full build (no previous output, no cache) into
# out-KIND-RUN with cache-KIND-RUN; measure runs in a subshell (for the
# module root), so its figures are read back here.
ours() {
  local kind=$1 run=$2; shift 2
  sync
  (cd "$root" && export XDG_CACHE_HOME="$work/cache-$kind-$run" && measure handbook "$bin/handbook" build "$@" -source "$site/content" -out "$work/out-$kind-$run")
  read -r wall rss user sys <"$work/time.txt"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
}
run_handbook() { ours handbook "$1"; }
run_handbook_site() { ours site "$1" -search=false; } # without the search index: what Hugo builds

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.3f", a/b; else print "n/a"}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }

echo "== warm-up (not counted)"
run_hugo 0; echo "hugo      ${wall} s  $(mib "$rss") MiB  $(find "$work/out-hugo-0" -name '*.html' | wc -l) HTML files"
run_handbook_site 0; echo "handbook -search=false  ${wall} s  $(mib "$rss") MiB  $(find "$work/out-site-0" -name '*.html' | wc -l) HTML files"
run_handbook 0; echo "handbook  ${wall} s  $(mib "$rss") MiB  $(find "$work/out-handbook-0" -name '*.html' | wc -l) HTML files"
grep '^handbook: built' "$work/handbook.log" || true

echo "== $runs full builds each, alternating"
hw=() hm=() hc=() bw=() bm=() bc=() fw=() sw=() sm=() sc=()
for ((i = 1; i <= runs; i++)); do
  run_hugo "$i"; hw+=("$wall"); hm+=("$rss"); hc+=("$cpu")
  printf 'run %d  hugo     %6.2f s %6d MiB   (CPU %s s)\n' "$i" "$wall" "$(mib "$rss")" "$cpu"
  run_handbook_site "$i"; sw+=("$wall"); sm+=("$rss"); sc+=("$cpu")
  printf 'run %d  handbook %6.2f s %6d MiB   (CPU %s s; -search=false, the site alone)\n' "$i" "$wall" "$(mib "$rss")" "$cpu"
  run_handbook "$i"; bw+=("$wall"); bm+=("$rss"); bc+=("$cpu")
  printf 'run %d  handbook %6.2f s %6d MiB   (CPU %s s; %s)\n' "$i" "$wall" "$(mib "$rss")" "$cpu" "$(grep -o 'in [0-9.]*m\?s' "$work/handbook.log" | tail -1)"
  # The file system's share: the same files written, nothing computed.
  sync
  read -r floor _ <<<"$("$bin/writefloor" "$work/out-handbook-$i" "$work/floor-$i")"
  fw+=("$floor")
  printf 'run %d  floor    %6.2f s   (writing handbook'"'"'s files alone, 8 writers, syncfs)\n' "$i" "$floor"
done
hugo_wall=$(printf '%s\n' "${hw[@]}" | median)
hugo_cpu=$(printf '%s\n' "${hc[@]}" | median)
hb_cpu=$(printf '%s\n' "${bc[@]}" | median)
hugo_rss=$(printf '%s\n' "${hm[@]}" | median)
hb_wall=$(printf '%s\n' "${bw[@]}" | median)
hb_rss=$(printf '%s\n' "${bm[@]}" | median)
floor_wall=$(printf '%s\n' "${fw[@]}" | median)
site_wall=$(printf '%s\n' "${sw[@]}" | median)
site_rss=$(printf '%s\n' "${sm[@]}" | median)
site_cpu=$(printf '%s\n' "${sc[@]}" | median)

echo "== rebuild after editing one page ($runs times)"
# The previous build's output and cache stay; one page gets a new sentence.
edited=$(find "$site/content" -name 'p*.md' | sort | sed -n "$(((pages + 1) / 2))p")
rw=() rr=()
(cd "$root" && XDG_CACHE_HOME="$work/cache-handbook-$runs" "$bin/handbook" build -source "$site/content" -out "$work/out-handbook-$runs" >/dev/null)
for ((i = 1; i <= runs; i++)); do
  printf '\n基准测试第%d次修订：本条文字有所调整。\n' "$i" >>"$edited"
  (cd "$root" && export XDG_CACHE_HOME="$work/cache-handbook-$runs" && measure rebuild "$bin/handbook" build -source "$site/content" -out "$work/out-handbook-$runs")
  read -r wall rss _ <"$work/time.txt"
  rw+=("$wall"); rr+=("$rss")
  printf 'rebuild %d  %6.2f s %6d MiB\n' "$i" "$wall" "$(mib "$rss")"
done
re_wall=$(printf '%s\n' "${rw[@]}" | median)
echo "edited: ${edited#"$site/"}"

echo "== search indexing"
pf_wall="" pf_rss="" ours_wall="" ours_rss=""
pagefind_sh=$root/generator/search/bench/pagefind.sh
if [[ ! -f "$pagefind_sh" ]]; then
  echo "skipped: $pagefind_sh does not exist yet"
elif ! command -v npm >/dev/null; then
  echo "skipped: npm is not installed (Pagefind comes from npm)"
else
  # Over Hugo's last output: plain pages with lang="zh-CN", none of our own
  # search files in the way.
  if bash "$pagefind_sh" "$work/out-hugo-$runs" ${PAGEFIND_VERSION:-} >"$work/pagefind.out" 2>&1; then
    sed 's/^/  /' "$work/pagefind.out"
    secs() { awk -F: '{s=0; for (i=1; i<=NF; i++) s=s*60+$i; printf "%.2f", s}' <<<"$1"; }
    # "pagefind  indexing time 0:27.72   peak RSS   3974 MiB"
    field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) {print $(i+1); exit}}' <<<"$2"; }
    line=$(grep -E '^pagefind +(indexing )?time' "$work/pagefind.out" | head -1 || true)
    if [[ -n "$line" ]]; then
      pf_wall=$(secs "$(field time "$line")")
      pf_rss=$(field RSS "$line")
    fi
    line=$(grep -E '^ours +(indexing )?time' "$work/pagefind.out" | head -1 || true)
    if [[ -n "$line" ]]; then
      ours_wall=$(secs "$(field time "$line")")
      ours_rss=$(field RSS "$line")
    fi
  else
    sed 's/^/  /' "$work/pagefind.out"
    echo "pagefind.sh failed; the search part is left out"
  fi
fi

hugo_v=$(hugo version | grep -o 'v[0-9.]*' | head -1)
echo
echo "== results ($pages pages, medians of $runs runs, $(nproc) cores)"
echo
echo "| $pages generated pages ($((md_bytes / pages)) B avg), $(nproc) cores | Hugo $hugo_v | handbook | handbook / Hugo | target |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| full build of the site (handbook -search=false: what Hugo builds), wall time | ${hugo_wall} s | ${site_wall} s | $(div "$site_wall" "$hugo_wall")× | ≤ 0.25× |"
echo "| the same, CPU time (user + system; $(nproc) cores) | ${hugo_cpu} s | ${site_cpu} s | $(div "$site_cpu" "$hugo_cpu")× | — |"
echo "| the same, peak RSS | $(mib "$hugo_rss") MiB | $(mib "$site_rss") MiB | $(div "$site_rss" "$hugo_rss")× | ≤ 0.4× |"
echo "| full build with the search index too, wall time | ${hugo_wall} s | ${hb_wall} s | $(div "$hb_wall" "$hugo_wall")× | — |"
echo "| the same, CPU time | ${hugo_cpu} s | ${hb_cpu} s | $(div "$hb_cpu" "$hugo_cpu")× | — |"
echo "| the same, peak RSS | $(mib "$hugo_rss") MiB | $(mib "$hb_rss") MiB | $(div "$hb_rss" "$hugo_rss")× | ≤ 0.4× |"
echo "| writing the same files alone (file-system floor) | — | ${floor_wall} s | $(div "$floor_wall" "$hugo_wall")× | — |"
echo "| rebuild after editing one page | — | ${re_wall} s | $(div "$re_wall" "$hb_wall")× of full build | ≤ 0.05× |"
if [[ -n "$pf_wall" ]]; then
  both=$(awk -v a="$hugo_wall" -v b="$pf_wall" 'BEGIN {printf "%.2f", a+b}')
  echo "| Pagefind alone (over Hugo's pages) vs our indexer alone | ${pf_wall} s, ${pf_rss} MiB | ${ours_wall:-?} s, ${ours_rss:-?} MiB | $(div "${ours_wall:-0}" "$pf_wall")× time, $(div "${ours_rss:-0}" "$pf_rss")× RSS | ≤ 0.25× |"
  echo "| full build with search (Hugo + Pagefind vs handbook build) | ${both} s | ${hb_wall} s | $(div "$hb_wall" "$both")× | ≤ 0.15× |"
else
  echo "| full build with search (Hugo + Pagefind) | skipped | ${hb_wall} s (search index included) | — | ≤ 0.15× |"
fi
