#!/usr/bin/env bash
# Quick start, command 2: run the whole test suite (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
# The OpenAPI test validates /openapi.json with openapi-spec-validator (PyPI).
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator
fi
# The FHIR tests validate their fixtures with fhir.resources, and the CDS
# Hooks tests run scripts/cds-example.py (PyJWT, cryptography): PyPI, in a
# venv of its own under .build (Debian's Python is externally managed, PEP 668).
fhir_venv=.build/python-fhir
if ! "$fhir_venv/bin/python" -c "import fhir.resources.R4B, jwt, cryptography" 2>/dev/null; then
    if ! python3 -c "import ensurepip" 2>/dev/null; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
    fi
    python3 -m venv "$fhir_venv"
    "$fhir_venv/bin/python" -m pip install --quiet --disable-pip-version-check 'fhir.resources>=8,<9' 'pyjwt>=2,<3' 'cryptography>=42'
fi
export POEMSD_FHIR_PYTHON="$PWD/$fhir_venv/bin/python"
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
swift test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line: the tests are Swift Testing's (XCTest reports 0).
total=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*/\1/p' "$log" | tail -1)
failed=$(grep -E '^✘ Test .* failed after' "$log" | grep -vc 'Test run with' || true)
if [ -n "$total" ]; then
    echo "summary: $((total - failed)) passed, $failed failed"
fi
exit "$status"
