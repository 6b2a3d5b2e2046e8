#!/usr/bin/env bash
# Benchmark (not a test) of case records, all measured in this run:
#  1. POST /v1/cases at 64 connections with group commit (the default),
#     beside the same server committing each write on its own
#     (--max-write-batch 1): every write durable (synchronous=FULL) in both.
#  2. GET /v1/cases/{id}, beside the bare libmicrohttpd ceiling of
#     bench/ceiling.c (the 304 poll: bench/profile.sh, see below).
#
#   bench/cases.sh [DURATION_SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=64
threads="$(nproc)"
scripts/install-dependencies.sh
. bench/prepare.sh   # wrk, $out, the release build
cc -O2 -o "$out/ceiling" bench/ceiling.c -lmicrohttpd
work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

serve() { # port database extra-args...: one writer key per database, no rate limit
    local port=$1 db=$2; shift 2
    if [ ! -f "$work/$port.token" ]; then
        .build/release/poemsd migrate --database "$db" >/dev/null
        .build/release/poemsd keys create --name bench --role writer --database "$db" | grep '^poemsd_' | tr -d '\n' > "$work/$port.token"
    fi
    .build/release/poemsd serve --port "$port" --database "$db" --threads "$threads" --log-level info --rate-limit 0 "$@" 2> "$work/$port.log" &
    pids+=($!)
    for _ in $(seq 100); do curl -sf "localhost:$port/readyz" >/dev/null && return; sleep 0.1; done
    echo "poemsd did not start on $port" >&2; exit 1
}
load() { # name url [wrk args...]
    local name=$1 url=$2; shift 2
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" "$url" > "$out/$name.txt"
}
summary() { # wrk report → "requests/s p99 errors"
    python3 bench/wrk_summary.py "$1"
}

# 1. Writes.
serve 18201 "$work/group.sqlite"
serve 18202 "$work/single.sqlite" --max-write-batch 1
TOKEN=$(cat "$work/18201.token") BODY=bench/case.json load post-group http://127.0.0.1:18201/v1/cases -s bench/post.lua
TOKEN=$(cat "$work/18202.token") BODY=bench/case.json load post-single http://127.0.0.1:18202/v1/cases -s bench/post.lua
stop() { # index port: SIGTERM, wait for the closing log line, print "writes commits"
    kill -TERM "${pids[$1]}"
    for _ in $(seq 100); do grep -q "case store closed" "$work/$2.log" && break; sleep 0.1; done
    sed -n 's/.*commits=\([0-9]*\) writes=\([0-9]*\).*/\2 \1/p' "$work/$2.log" | tail -1
}
stop 0 18201 > "$work/group.counts"
stop 1 18202 > "$work/single.counts"
read -r g_writes g_commits < "$work/group.counts"
read -r s_writes s_commits < "$work/single.counts"
serve 18201 "$work/group.sqlite"
auth="Authorization: Bearer $(cat "$work/18201.token")"
read -r g_rps g_p99 g_err < <(summary "$out/post-group.txt")
read -r s_rps s_p99 s_err < <(summary "$out/post-single.txt")
stored=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/group.sqlite').execute('select count(*) from cases').fetchone()[0])")

# 2. Reads, against the ceiling.
"$out/ceiling" 18203 "$threads" & pids+=($!)
sleep 0.3
location=$(curl -si "localhost:18201/v1/cases" -H "$auth" -H 'Content-Type: application/json' --data-binary @bench/case.json | awk -F': ' 'tolower($1)=="location" {print $2}' | tr -d '\r')
etag=$(curl -si -H "$auth" "localhost:18201$location" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" -H "If-None-Match: $etag" "localhost:18201$location")" = 304 ] || { echo "no 304" >&2; exit 1; }
load ceiling http://127.0.0.1:18203/
load get "http://127.0.0.1:18201$location" -H "$auth"
# The 304 poll is not driven with wrk: libmicrohttpd 0.9.75 states a
# Content-Length on every 304 (poemsd makes it the representation's, as
# RFC 9110 §8.6 requires), and wrk's http-parser then waits for a body that
# a 304 never has (RFC 9112 §6.3). bench/profile.sh counts a poll's
# instructions instead.
read -r c_rps c_p99 c_err < <(summary "$out/ceiling.txt")
read -r r_rps r_p99 r_err < <(summary "$out/get.txt")
pct() { python3 -c "print(f'{$1 / $2 * 100:.1f}')"; }
# What one commit-per-request waits for at least: a 4 kB write and fdatasync
# on the databases' disk (median of 200), measured now, under the same load.
fsync_ms=$(python3 - "$work/fsync-probe" <<'PY'
import os, statistics, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
samples = []
for i in range(200):
    os.pwrite(fd, b"x" * 4096, (i % 16) * 4096)
    start = time.perf_counter(); os.fdatasync(fd); samples.append(time.perf_counter() - start)
print(f"{statistics.median(samples) * 1000:.3f}")
PY
)
cat <<REPORT | tee "$out/cases-summary.txt"
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); wrk -t$threads -c$connections -d${duration}s; synchronous=FULL
POST /v1/cases, group commit:       $g_rps cases/s, p99 $g_p99, errors $g_err ($stored cases stored)
POST /v1/cases, commit per request: $s_rps cases/s, p99 $s_p99, errors $s_err
writes per commit: group $(python3 -c "print(f'{$g_writes / max($g_commits, 1):.1f}')") ($g_writes in $g_commits), baseline $(python3 -c "print(f'{$s_writes / max($s_commits, 1):.1f}')")
fdatasync of a 4 kB write (median): $fsync_ms ms
group commit / baseline: $(python3 -c "print(f'{$g_rps / max($s_rps, 1):.1f}')")x (target: at least 5x)
ceiling (bare libmicrohttpd):        $c_rps req/s, p99 $c_p99
GET /v1/cases/{id}:                  $r_rps req/s, p99 $r_p99, errors $r_err ($(pct "$r_rps" "$c_rps")% of the ceiling)
GET /v1/cases/{id}, 304 poll:        not driven with wrk (see bench/profile.sh)
REPORT
