#!/usr/bin/env bash
# Benchmark (not a test): POST /v1/evaluations with the full work-up of
# issue 3 at 64 connections, beside the ceiling (bench/ceiling.c: bare
# libmicrohttpd answering a fixed document), both started and measured in
# this run on this machine. Reports requests/s, the ratio to the ceiling
# (and to the ceiling answering a response of the same size), errors, p99
# latency, and poemsd's resident memory over a million evaluations.
#
#   bench/evaluations.sh [DURATION_SECONDS]     (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
connections=64
threads="$(nproc)"
scripts/install-dependencies.sh
. bench/prepare.sh   # wrk, $out, the release build

cc -O2 -o "$out/ceiling" bench/ceiling.c -lmicrohttpd

ceiling_port=18181
poemsd_port=18182
sized_port=18183
db="$(mktemp -d)/bench.sqlite"
# A reader key, and no rate limit: the benchmark measures the service, not the limiter.
.build/release/poemsd migrate --database "$db" >/dev/null
TOKEN=$(.build/release/poemsd keys create --name bench --role reader --database "$db" | grep '^poemsd_')
export TOKEN
"$out/ceiling" "$ceiling_port" "$threads" & ceiling_pid=$!
.build/release/poemsd serve --port "$poemsd_port" --database "$db" --threads "$threads" --log-level warning --rate-limit 0 & poemsd_pid=$!
trap 'kill $ceiling_pid $poemsd_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -sf "localhost:$poemsd_port/readyz" >/dev/null && curl -s -o /dev/null "localhost:$ceiling_port/" && break
    sleep 0.1
done

# Correctness first: the benchmarked request must succeed and say what we expect.
verdict=$(curl -sf "localhost:$poemsd_port/v1/evaluations" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @bench/full-workup.json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"])')
[ "$verdict" = "meets" ] || { echo "unexpected verdict: $verdict" >&2; exit 1; }
# A second ceiling answering poemsd's own response, byte for byte.
curl -sf "localhost:$poemsd_port/v1/evaluations" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @bench/full-workup.json > "$out/response.json"
"$out/ceiling" "$sized_port" "$threads" "$out/response.json" & sized_pid=$!
trap 'kill $ceiling_pid $poemsd_pid $sized_pid 2>/dev/null || true' EXIT
sleep 0.3

run() { # name port
    BODY=bench/full-workup.json wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/post.lua \
        "http://127.0.0.1:$2/v1/evaluations" > "$out/$1.txt"
}
peak_rss() { # pid → peak VmHWM in KiB
    awk '/VmHWM/ {print $2}' "/proc/$1/status"
}

run ceiling "$ceiling_port"
run sized "$sized_port"
run poemsd "$poemsd_port"

summarise() { # wrk report → "requests/s p99 errors"
    python3 bench/wrk_summary.py "$1"
}
read -r c_rps c_p99 c_err < <(summarise "$out/ceiling.txt")
read -r s_rps s_p99 s_err < <(summarise "$out/sized.txt")
read -r p_rps p_p99 p_err < <(summarise "$out/poemsd.txt")
rss_kib=$(peak_rss "$poemsd_pid")

# Memory over a million requests: resident memory now, then more load until
# poemsd's own counter (GET /metrics) says a million evaluations were
# answered, then resident memory again.
rss_now() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
answered() {
    curl -sf "localhost:$poemsd_port/metrics" \
        | awk '/^poemsd_http_requests_total\{/ && /route="\/v1\/evaluations"/ && /status="200"/ {sum += $NF} END {printf "%d", sum}'
}
rss_before_kib=$(rss_now "$poemsd_pid")
answered_before=$(answered)
while [ "$(answered)" -lt "${MILLION:-1000000}" ]; do
    BODY=bench/full-workup.json wrk -t"$threads" -c"$connections" -d30s -s bench/post.lua \
        "http://127.0.0.1:$poemsd_port/v1/evaluations" > "$out/million.txt"
done
answered_after=$(answered)
rss_after_kib=$(rss_now "$poemsd_pid")
rss_peak_kib=$(peak_rss "$poemsd_pid")
ratio=$(python3 -c "print(f'{$p_rps / $c_rps * 100:.1f}')")
sized_ratio=$(python3 -c "print(f'{$p_rps / $s_rps * 100:.1f}')")
bytes=$(wc -c < "$out/response.json")
cat <<REPORT | tee "$out/evaluations-summary.txt"
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); wrk -t$threads -c$connections -d${duration}s
ceiling (bare libmicrohttpd, fixed JSON): $c_rps req/s, p99 $c_p99, errors $c_err
ceiling answering poemsd's $bytes-byte response: $s_rps req/s, p99 $s_p99, errors $s_err
poemsd POST /v1/evaluations (full work-up): $p_rps req/s, p99 $p_p99, errors $p_err
ratio: $ratio% of the ceiling (target: at least 40%); $sized_ratio% of the same-size ceiling
poemsd peak resident memory: $((rss_kib / 1024)) MiB after the timed run (target: under 64 MiB)
resident memory over $answered_after evaluations: $((rss_before_kib / 1024)) MiB at $answered_before, $((rss_after_kib / 1024)) MiB at $answered_after (peak $((rss_peak_kib / 1024)) MiB)
REPORT
