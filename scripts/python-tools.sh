#!/usr/bin/env bash
# The Python tools the tests use, in a virtual environment under the build
# directory (Debian's Python is externally managed, PEP 668, and refuses a
# global pip install): openapi-spec-validator (the /openapi.json test),
# Schemathesis (contract fuzzing, scripts/contract-fuzz.sh) and
# prometheus_client (the /metrics test parses with its parser).
# Prints the environment's python3.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/python-tools
requirements=(openapi-spec-validator==0.9.0 schemathesis==4.32.5 prometheus_client==0.26.0)
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python3" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${requirements[*]}" ]; then
    mkdir -p .build
    python3 -m venv "$venv"    # python3-venv: scripts/install-dependencies.sh --test
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${requirements[@]}" >&2
    echo "${requirements[*]}" > "$stamp"
fi
echo "$PWD/$venv/bin/python3"
