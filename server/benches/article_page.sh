#!/usr/bin/env bash
# Requests/s of a server-rendered guidance article against a static file of the same size served
# by the same release server, in the same run, and their ratio. Both compressed the same way
# (Accept-Encoding: br), both over loopback.
#   server/benches/article_page.sh     (after `cargo leptos build --release`; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-3291}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SLUG=${SLUG:-vat-threshold-2026}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
dir=$(mktemp -d)
static=target/site/bench-static-article.html
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir" "$static"' EXIT
LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site DATABASE_URL="sqlite://$dir/bench.db" RUST_LOG=warn \
  target/release/banshui serve & pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
page="http://127.0.0.1:$PORT/guidance/$SLUG"
# The static file is the rendered page itself: same bytes, same size.
curl -sf "$page" -o "$static"
echo "== page size: $(wc -c <"$static") bytes (uncompressed)"
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br' "$@"; }
echo "== warm-up"; wrk -t1 -c4 -d2s "$page" >/dev/null
echo "== GET /bench-static-article.html (static file)"; st=$(run "http://127.0.0.1:$PORT/bench-static-article.html"); echo "$st"
echo "== GET /guidance/$SLUG (server-rendered)"; ssr=$(run "$page"); echo "$ssr"
rps() { awk '/Requests\/sec/ {print $2}'; }
s=$(echo "$st" | rps); p=$(echo "$ssr" | rps)
echo "== summary: static ${s} req/s, article ${p} req/s, ratio $(awk -v p="$p" -v s="$s" 'BEGIN{printf "%.2f", p/s}')"
echo "   p50: static $(echo "$st" | awk '/ 50%/ {print $2}'), article $(echo "$ssr" | awk '/ 50%/ {print $2}'); p99: static $(echo "$st" | awk '/ 99%/ {print $2}'), article $(echo "$ssr" | awk '/ 99%/ {print $2}')"
