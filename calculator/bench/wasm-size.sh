#!/bin/sh
# wasm-size.sh — size of the calculator's WebAssembly module against the
# floor set in issue 3: an empty `main` built GOOS=js GOARCH=wasm with the
# same toolchain, in the same run. Prints raw, gzip -9 and brotli -q 11
# sizes and the ratio module/floor (target: ≤ 1.10 after brotli).
#
#   sh calculator/bench/wasm-size.sh
#
# The module is built exactly as generator/wasmbuild builds it for the site.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v brotli >/dev/null || { echo "wasm-size.sh: brotli not found (apt-get install brotli)" >&2; exit 1; }

mkdir -p "$work/floor"
printf 'package main\n\nfunc main() {}\n' > "$work/floor/main.go"
printf 'module floor\n\ngo 1.26\n' > "$work/floor/go.mod"
(cd "$work/floor" && GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$work/floor-js.wasm" .)
(cd "$work/floor" && GOOS=wasip1 GOARCH=wasm go build -trimpath -buildmode=c-shared -ldflags='-s -w' -o "$work/floor-wasip1.wasm" .)
(cd "$root" && GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 go build -trimpath -buildmode=c-shared -buildvcs=false -ldflags='-s -w' -o "$work/calculator.wasm" ./calculator/wasm)

sizes() {
	raw=$(wc -c < "$1")
	gz=$(gzip -9 -c "$1" | wc -c)
	br=$(brotli -q 11 -c "$1" | wc -c)
	printf '%-34s %9d %9d %9d\n' "$2" "$raw" "$gz" "$br"
}

echo "$(go version)"
printf '%-34s %9s %9s %9s\n' "" raw gzip brotli
sizes "$work/floor-js.wasm" "floor: empty main, GOOS=js"
sizes "$work/floor-wasip1.wasm" "empty reactor, GOOS=wasip1"
sizes "$work/calculator.wasm" "calculator module (wasip1)"

floor=$(brotli -q 11 -c "$work/floor-js.wasm" | wc -c)
mod=$(brotli -q 11 -c "$work/calculator.wasm" | wc -c)
ratio=$(awk "BEGIN { printf \"%.3f\", $mod / $floor }")
echo "ratio (brotli, module / GOOS=js floor): $ratio  (target ≤ 1.10)"
awk "BEGIN { exit !($mod <= 1.10 * $floor) }" || { echo "over target" >&2; exit 1; }
