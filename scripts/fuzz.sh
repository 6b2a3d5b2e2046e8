#!/usr/bin/env bash
# libFuzzer (issue 16) over request decoding and the evaluation: the JSON
# limits, the strict request reader checked against the Decodable path, the
# criteria engine, and FHIR Bundles (Sources/poemsd-fuzz/FuzzTarget.swift),
# for a bounded time. Built with -sanitize=fuzzer,address in its own
# scratch path (.build/fuzz), so the ordinary build is untouched.
#
#   scripts/fuzz.sh [SECONDS]      (default 60)
#
# Seeds: the repository's request fixtures, Tests/Fuzz/seeds and every
# input in Tests/Fuzz/crashes; the corpus grows in .build/fuzz/corpus from
# run to run. A crash (or a disagreement between the readers) stops the run,
# leaves the input in .build/fuzz/artifacts, and exits non-zero: copy it
# into Tests/Fuzz/crashes, where the tests replay it (FuzzRegressionTests).
# Prints libFuzzer's figures (executions, cov, ft) as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/install-dependencies.sh
scratch=.build/fuzz
swift build -c release --scratch-path "$scratch" --product poemsd-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >"$scratch.log" 2>&1 \
    || { cat "$scratch.log" >&2; exit 1; }
rm -f "$scratch.log"
binary="$scratch/release/poemsd-fuzz"
corpus="$scratch/corpus"
artifacts="$scratch/artifacts"
mkdir -p "$corpus" "$artifacts"
cp bench/full-workup.json bench/case.json Tests/Fixtures/fhir/*.json Tests/Fuzz/seeds/* "$corpus/"
cp Tests/Fuzz/crashes/* "$corpus/" 2>/dev/null || true
log="$scratch/fuzz.log"
set +e
"$binary" "$corpus" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -dict=Tests/Fuzz/poemsd.dict -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ]; then
    tail -60 "$log" >&2
    echo "fuzz: FAILED (exit $status); the input is in $artifacts: copy it into Tests/Fuzz/crashes" >&2
    exit "$status"
fi
last=$(grep -E '^#[0-9]+' "$log" | tail -1)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
echo "fuzz: $runs executions in ${seconds}s, no crash; $(echo "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*')"
