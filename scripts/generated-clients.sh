#!/usr/bin/env bash
# The API description as an integrator meets it: a Python client generated
# from Sources/POEMSAPI/openapi.json by openapi-python-client (PyPI), used
# against a real server (Tests/Clients/python/test_generated_client.py, run by
# pytest; the test starts and stops its own server). Called by
# scripts/test.sh after the build; prints pytest's closing line, and writes
# its JUnit XML report to $POEMSD_CLIENTS_REPORT when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/python-venv.sh
venv="$PWD/.build/python-venv"
export PATH="$venv/bin:$PATH"
export POEMSD_BINARY="$(swift build --show-bin-path)/poemsd"
export POEMSD_REPOSITORY="$PWD"
# Run from a scratch directory: pytest keeps a cache in its working directory.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
"$venv/bin/python3" -m pytest -p no:cacheprovider -q ${POEMSD_CLIENTS_REPORT:+--junitxml="$POEMSD_CLIENTS_REPORT"} \
    "$POEMSD_REPOSITORY/Tests/Clients/python"
