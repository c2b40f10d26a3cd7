#!/usr/bin/env bash
# Load on loopback: requests/s and latency of POST /api/v1/calculations/iit-annual against
# GET /healthz on the same release server in the same run, and their ratio (goal ≥ 0.7).
#   server/benches/load.sh            (after `cargo leptos build --release`; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-3290}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site DATABASE_URL="sqlite://$dir/load.db" RUST_LOG=warn \
  target/release/banshui serve & pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done

cat > "$dir/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"tax_year":2025,"income":{"wages":"200000"},"special_deductions":"24000","additional_deductions":{"child_education":"24000","housing_loan_interest":"12000","elderly_support":"18000"}}'
LUA
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
echo "== warm-up"; wrk -t1 -c4 -d2s "http://127.0.0.1:$PORT/healthz" >/dev/null
echo "== GET /healthz";   health=$(run "http://127.0.0.1:$PORT/healthz"); echo "$health"
echo "== POST /api/v1/calculations/iit-annual"; calc=$(run -s "$dir/post.lua" "http://127.0.0.1:$PORT/api/v1/calculations/iit-annual"); echo "$calc"
rps() { awk '/Requests\/sec/ {print $2}'; }
h=$(echo "$health" | rps); c=$(echo "$calc" | rps)
echo "== summary: healthz ${h} req/s, iit-annual ${c} req/s, ratio $(awk -v c="$c" -v h="$h" 'BEGIN{printf "%.2f", c/h}')"
echo "   p99: healthz $(echo "$health" | awk '/ 99%/ {print $2}'), iit-annual $(echo "$calc" | awk '/ 99%/ {print $2}')"
