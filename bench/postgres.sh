#!/usr/bin/env bash
# Benchmark (not a test): POST /v1/cases on PostgreSQL with one and with two
# poemsd instances on one database, beside SQLite, all measured in this run
# on this machine. PostgreSQL is a throwaway cluster
# (scripts/postgres-cluster.sh) with synchronous_commit=on and fsync=on: a
# case is on disk when acknowledged, as with SQLite's synchronous=FULL.
# Group commit (the default batch of 256) in every configuration.
#
#   bench/postgres.sh [DURATION_SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=64
scripts/install-dependencies.sh
dpkg -s postgresql >/dev/null 2>&1 || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq postgresql >/dev/null; }
. bench/prepare.sh   # wrk, $out, the release build
work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; scripts/postgres-cluster.sh stop "$work/pg" || true; rm -rf "$work"' EXIT
url="$(scripts/postgres-cluster.sh start "$work/pg")"
psql -q "$url" -c "CREATE DATABASE one" -c "CREATE DATABASE two"
synchronous=$(psql -Atc "SHOW synchronous_commit" "$url")
db() { echo "${url%/postgres}/$1"; }

serve() { # port database: one writer key per database, no rate limit
    local port=$1 database=$2
    .build/release/poemsd migrate --database "$database" >/dev/null
    if [ ! -f "$work/$(basename "$database").token" ]; then
        .build/release/poemsd keys create --name bench --role writer --database "$database" | grep '^poemsd_' | tr -d '\n' > "$work/$(basename "$database").token"
    fi
    .build/release/poemsd serve --port "$port" --database "$database" --log-level warning --rate-limit 0 --no-bootstrap-key 2> "$work/$port.log" &
    pids+=($!)
    for _ in $(seq 100); do curl -sf "localhost:$port/readyz" >/dev/null && return; sleep 0.1; done
    echo "poemsd did not start on $port" >&2; cat "$work/$port.log" >&2; exit 1
}
load() { # name token connections url: wrk POSTing bench/case.json
    TOKEN="$2" BODY=bench/case.json wrk -t1 -c"$3" -d"${duration}s" --latency -s bench/post.lua "$4" > "$out/$1.txt"
}
summary() { python3 bench/wrk_summary.py "$1"; }

serve 18301 "$work/sqlite.sqlite"
serve 18302 "$(db one)"
serve 18303 "$(db two)"
serve 18304 "$(db two)"
load pg-sqlite "$(cat "$work/sqlite.sqlite.token")" $connections http://127.0.0.1:18301/v1/cases
load pg-one "$(cat "$work/one.token")" $connections http://127.0.0.1:18302/v1/cases
# Two instances behind no balancer: half the connections each, at once.
load pg-two-a "$(cat "$work/two.token")" $((connections / 2)) http://127.0.0.1:18303/v1/cases &
other=$!
load pg-two-b "$(cat "$work/two.token")" $((connections / 2)) http://127.0.0.1:18304/v1/cases
wait "$other"
read -r l_rps l_p99 l_err < <(summary "$out/pg-sqlite.txt")
read -r o_rps o_p99 o_err < <(summary "$out/pg-one.txt")
read -r a_rps a_p99 a_err < <(summary "$out/pg-two-a.txt")
read -r b_rps b_p99 b_err < <(summary "$out/pg-two-b.txt")
stored_one=$(psql -Atc "SELECT count(*) FROM cases" "$(db one)")
stored_two=$(psql -Atc "SELECT count(*) FROM cases" "$(db two)")
feed_two=$(psql -Atc "SELECT count(*) = max(seq) AND min(seq) = 1 FROM case_changes" "$(db two)")
cat <<REPORT | tee "$out/postgres-summary.txt"
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); PostgreSQL $(psql -Atc "SHOW server_version" "$url") on the same machine, synchronous_commit=$synchronous; wrk -c$connections -d${duration}s in all
POST /v1/cases, SQLite (one instance):       $l_rps cases/s, p99 $l_p99, errors $l_err
POST /v1/cases, PostgreSQL, one instance:    $o_rps cases/s, p99 $o_p99, errors $o_err ($stored_one cases stored)
POST /v1/cases, PostgreSQL, two instances:   $(python3 -c "print(round($a_rps + $b_rps))") cases/s ($a_rps + $b_rps), p99 $a_p99 / $b_p99, errors $((a_err + b_err)) ($stored_two cases stored; feed 1..n without a gap: $feed_two)
REPORT
