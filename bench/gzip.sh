#!/usr/bin/env bash
# Benchmark (not a test): gzip content coding. GET of one stored case (the
# full evaluation) and of a 50-case listing, with and without
# `Accept-Encoding: gzip`, both measured in this run on this server: bytes
# on the wire per response, requests/s and p99 at 16 connections (loopback,
# so the CPU cost of compressing shows, not the bandwidth saved).
#
#   bench/gzip.sh [DURATION_SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=16
threads="$(nproc)"
scripts/install-dependencies.sh
. bench/prepare.sh   # wrk, $out, the release build

port=18184
db="$(mktemp -d)/bench.sqlite"
.build/release/poemsd migrate --database "$db" >/dev/null
TOKEN=$(.build/release/poemsd keys create --name bench --role writer --database "$db" | grep '^poemsd_')
.build/release/poemsd serve --port "$port" --database "$db" --threads "$threads" --log-level warning --rate-limit 0 & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.1; done

auth="Authorization: Bearer $TOKEN"
body='{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "kappa", "endocrinopathy": {"pancreatic": true}}}'
for _ in $(seq 50); do
    location=$(curl -sf -D - -o /dev/null "localhost:$port/v1/cases" -H "$auth" -H 'Content-Type: application/json' -d "$body" | awk 'tolower($1) == "location:" {print $2}' | tr -d '\r')
done

size() { # path [accept-encoding] → bytes on the wire
    curl -sf -o /dev/null -w '%{size_download}' "localhost:$port$1" -H "$auth" ${2:+-H "Accept-Encoding: $2"}
}
measure() { # name path [accept-encoding]
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "$auth" ${3:+-H "Accept-Encoding: $3"} \
        "http://127.0.0.1:$port$2" > "$out/gzip-$1.txt"
    python3 bench/wrk_summary.py "$out/gzip-$1.txt"
}
report() { # label path
    read -r i_rps i_p99 i_err < <(measure identity "$2")
    read -r g_rps g_p99 g_err < <(measure gzip "$2" gzip)
    echo "$1: identity $(size "$2") B, $i_rps req/s, p99 $i_p99, errors $i_err | gzip $(size "$2" gzip) B, $g_rps req/s, p99 $g_p99, errors $g_err"
}
{
    echo "machine: $(nproc) cores, $(uname -r); wrk -t$threads -c$connections -d${duration}s; gzip level 1, bodies from 2048 B"
    report "GET one case" "$location"
    report "GET /v1/cases (50 items)" "/v1/cases?limit=50"
} | tee "$out/gzip-summary.txt"
