#!/usr/bin/env bash
# Benchmark (not a test): POST /cds-services/poems-syndrome with a realistic
# prefetch (a Patient, 10 Conditions, 20 Observations) and a fresh ES384 JWT
# per request, beside POST /v1/evaluations in the same run on the same
# server: the full work-up in our JSON (issue 3's request) and the same 31
# resources as a FHIR Bundle. Reports requests/s, p99 and the ratios.
#
#   bench/cds-hooks.sh [DURATION_SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=64
threads="$(nproc)"
scripts/install-dependencies.sh --test   # with python3-venv
. bench/prepare.sh   # wrk, $out, the release build
# PyJWT and cryptography sign the tokens (the tests' venv).
scripts/python-venv.sh
venv=.build/python-venv

port=18190
issuer=https://ehr.bench
public=http://127.0.0.1:$port
# Enough tokens for the run: one per request, at up to 4,000 requests/s.
"$venv/bin/python3" bench/cds_fixtures.py "$out/cds" "$issuer" "$public/cds-services/poems-syndrome" $((duration * 4000)) "$threads"

db="$(mktemp -d)/bench.sqlite"
.build/release/poemsd migrate --database "$db" >/dev/null
TOKEN=$(.build/release/poemsd keys create --name bench --role reader --database "$db" | grep '^poemsd_')
export TOKEN
.build/release/poemsd serve --port "$port" --database "$db" --threads "$threads" --log-level warning --rate-limit 0 \
    --public-url "$public" --cds-issuer "$issuer=$out/cds/jwks.json" & poemsd_pid=$!
trap 'kill $poemsd_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.1; done

# Correctness first: each benchmarked request answers what we expect.
first_token=$(head -1 "$out/cds/tokens-1.txt")
tail -n +2 "$out/cds/tokens-1.txt" > "$out/cds/tokens-1.rest" && mv "$out/cds/tokens-1.rest" "$out/cds/tokens-1.txt"
indicator=$(curl -sf "$public/cds-services/poems-syndrome" -H "Authorization: Bearer $first_token" -H 'Content-Type: application/json' \
    --data-binary @"$out/cds/cds-request.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cards"][0]["indicator"])')
[ "$indicator" = "warning" ] || { echo "unexpected card: $indicator" >&2; exit 1; }
verdict=$(curl -sf "$public/v1/evaluations" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/fhir+json' \
    --data-binary @"$out/cds/bundle.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"])')
[ "$verdict" = "meets" ] || { echo "unexpected FHIR verdict: $verdict" >&2; exit 1; }

BODY=bench/full-workup.json wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/post.lua "$public/v1/evaluations" > "$out/cds-evaluations-json.txt"
BODY="$out/cds/bundle.json" CONTENT_TYPE=application/fhir+json wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/post.lua \
    "$public/v1/evaluations" > "$out/cds-evaluations-fhir.txt"
BODY="$out/cds/cds-request.json" TOKENS="$out/cds/tokens" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/cds.lua \
    "$public/cds-services/poems-syndrome" > "$out/cds-hooks.txt"

read -r j_rps j_p99 j_err < <(python3 bench/wrk_summary.py "$out/cds-evaluations-json.txt")
read -r f_rps f_p99 f_err < <(python3 bench/wrk_summary.py "$out/cds-evaluations-fhir.txt")
read -r c_rps c_p99 c_err < <(python3 bench/wrk_summary.py "$out/cds-hooks.txt")
cat <<REPORT | tee "$out/cds-hooks-summary.txt"
machine: $(nproc) cores, $(uname -r); wrk -t$threads -c$connections -d${duration}s
POST /v1/evaluations, full work-up (JSON): $j_rps req/s, p99 $j_p99, errors $j_err
POST /v1/evaluations, 31 resources (FHIR Bundle): $f_rps req/s, p99 $f_p99, errors $f_err
POST /cds-services/poems-syndrome, same resources as prefetch, ES384 JWT each: $c_rps req/s, p99 $c_p99, errors $c_err
ratio CDS / evaluations (JSON): $(python3 -c "print(f'{$c_rps / $j_rps * 100:.1f}')")%; CDS / evaluations (FHIR): $(python3 -c "print(f'{$c_rps / $f_rps * 100:.1f}')")%
REPORT
