#!/usr/bin/env bash
# Quick start, command 2 (README.md): run the whole test suite (unit and end-to-end; docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh --test
# The tests' Python tools (scripts/python-venv.sh), found first on PATH.
scripts/python-venv.sh
venv=.build/python-venv
export PATH="$PWD/$venv/bin:$PATH"
swift build --build-tests
log="$(mktemp)"
whole_run=0
[ "$#" -ne 0 ] || whole_run=1
# A throwaway PostgreSQL cluster in a temporary directory, as an
# unprivileged user on a loopback port; stopped and removed at the end,
# pass or fail.
cluster="$(mktemp -d)"
trap 'scripts/postgres-cluster.sh stop "$cluster/pg" || true; rm -rf "$log" "$cluster"' EXIT
export POEMSD_TEST_POSTGRES_URL="$(scripts/postgres-cluster.sh start "$cluster/pg")"
set +e
# Everything on SQLite, then the storage and end-to-end tests again on
# PostgreSQL (each test its own database on the cluster), with the tests
# only PostgreSQL has: several instances, failover.
swift test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$#" -eq 0 ]; then set -- --filter POEMSServiceTests; fi
POEMSD_TEST_ENGINE=postgres swift test --skip-build "$@" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e
# The API description, checked from outside: Schemathesis against a server
# (the whole run only: not when the arguments select tests).
fuzz_passed=0 fuzz_failed=0
if [ "$whole_run" -eq 1 ]; then
    if scripts/contract-fuzz.sh; then fuzz_passed=1; else
        echo "contract fuzzing (Schemathesis) failed" >&2
        fuzz_failed=1 status=1
    fi
    # Python and Swift clients generated from the description, used against a
    # server (scripts/generated-clients.sh): each of their tests (pytest's,
    # Swift Testing's) counts one.
    clients_report="$(mktemp)"
    if ! POEMSD_CLIENTS_REPORT="$clients_report" scripts/generated-clients.sh; then
        echo "the generated-client tests failed (scripts/generated-clients.sh)" >&2
        status=1
    fi
    for report in "$clients_report" "$clients_report.swift"; do
        read -r clients_passed clients_failed < <(python3 scripts/junit-counts.py "$report")
        fuzz_passed=$((fuzz_passed + clients_passed)) fuzz_failed=$((fuzz_failed + clients_failed))
    done
    rm -f "$clients_report" "$clients_report.swift"
    # The documentation, executed (scripts/docs-examples.py): the shell
    # examples of README.md and docs/ marked runnable, each document against
    # a fresh server, and the checks of links, configuration and sources;
    # each example and check counts one.
    docs_report="$(mktemp)"
    if ! python3 scripts/docs-examples.py --binary "$(swift build --show-bin-path)/poemsd" --report "$docs_report"; then
        echo "the documentation's examples failed (scripts/docs-examples.py)" >&2
        status=1
    fi
    read -r docs_passed docs_failed < "$docs_report" || { docs_passed=0 docs_failed=1; }
    fuzz_passed=$((fuzz_passed + docs_passed)) fuzz_failed=$((fuzz_failed + docs_failed))
    rm -f "$docs_report"
    # libFuzzer over request decoding and the evaluation, for a bounded time
    # (scripts/fuzz.sh; POEMSD_FUZZ_SECONDS, default 30; 0 skips it).
    if [ "${POEMSD_FUZZ_SECONDS:-30}" -gt 0 ]; then
        if scripts/fuzz.sh "${POEMSD_FUZZ_SECONDS:-30}"; then fuzz_passed=$((fuzz_passed + 1)); else
            echo "libFuzzer failed (scripts/fuzz.sh)" >&2
            fuzz_failed=$((fuzz_failed + 1)) status=1
        fi
    fi
fi
# One plain closing line, last: the Swift tests of both runs (Swift
# Testing's; XCTest reports 0), the generated clients' tests (Python and
# Swift), the documentation's examples and checks, and the contract fuzzing
# and the libFuzzer run as one more each.
total=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*/\1/p' "$log" | awk '{ n += $1 } END { if (NR) print n }')
failed=$(grep -E '^✘ Test .* failed after' "$log" | grep -vc 'Test run with' || true)
if [ -n "$total" ]; then
    echo "summary: $((total - failed + fuzz_passed)) passed, $((failed + fuzz_failed)) failed"
fi
exit "$status"
