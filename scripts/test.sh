#!/usr/bin/env bash
# Quick start, command 2: run the whole test suite (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
# The OpenAPI test validates /openapi.json with openapi-spec-validator (PyPI).
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator
fi
swift build --build-tests
swift test --skip-build "$@"
