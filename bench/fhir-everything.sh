#!/usr/bin/env bash
# Benchmark (not a test): a Synthea-style FHIR Bundle of SIZE_MB megabytes
# (bench/fhir-everything.py: one Patient, a POEMS work-up and thousands of
# resources poemsd does not read) posted to POST /v1/evaluations, one
# request at a time, ROUNDS times, on the release build. Reports the
# Bundle's size, the time of each answer (curl's time_total on loopback),
# the answer's size (by default and with ?unmapped=all) and poemsd's peak
# resident memory.
#
#   bench/fhir-everything.sh [SIZE_MB] [ROUNDS]     (default 10 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-10}"
rounds="${2:-5}"
scripts/install-dependencies.sh
. bench/prepare.sh   # wrk, $out, the release build

port=18184
db="$(mktemp -d)/bench.sqlite"
bundle="$out/fhir-everything.json"
python3 bench/fhir-everything.py "$size" > "$bundle"
.build/release/poemsd migrate --database "$db" >/dev/null
TOKEN=$(.build/release/poemsd keys create --name bench --role reader --database "$db" | grep '^poemsd_')
.build/release/poemsd serve --port "$port" --database "$db" --log-level warning --rate-limit 0 & poemsd_pid=$!
trap 'kill $poemsd_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.1; done

post() { # query → "status seconds bytes"
    curl -s -o "$out/fhir-answer.json" -w '%{http_code} %{time_total} %{size_download}' "localhost:$port/v1/evaluations$1" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/fhir+json' --data-binary @"$bundle"
}

echo "bundle: $(stat -c %s "$bundle") bytes, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entry"]))' "$bundle") entries"
for round in $(seq "$rounds"); do
    read -r status seconds bytes <<< "$(post "")"
    [ "$status" = 200 ] || { echo "unexpected status $status" >&2; exit 1; }
    echo "round $round: ${seconds}s, answer $bytes bytes"
done
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print("verdict", a["verdict"], "unmappedSummary", a["unmappedSummary"]["total"], "listed", a["unmappedSummary"]["listed"])' "$out/fhir-answer.json"
read -r status seconds bytes <<< "$(post "?unmapped=all")"
echo "?unmapped=all: ${seconds}s, answer $bytes bytes"
echo "peak resident memory: $(awk '/VmHWM/ {print $2, $3}' "/proc/$poemsd_pid/status")"
