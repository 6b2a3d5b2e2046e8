#!/usr/bin/env bash
# The Python tools of the tests and benchmarks, from PyPI, in one virtual
# environment: .build/python-venv (Debian's Python refuses installs into
# itself, PEP 668; python3-venv comes from install-dependencies.sh --test).
# openapi-spec-validator checks /openapi.json, fhir.resources validates the
# FHIR fixtures, PyJWT and cryptography sign CDS Hooks tokens
# (scripts/cds-example.py, bench/cds_fixtures.py), prometheus_client parses
# GET /metrics, Schemathesis fuzzes the API against its description
# (scripts/contract-fuzz.sh), selenium drives Chromium for the dashboard's
# browser test, openapi-python-client generates a client from the description
# and pytest runs its test (scripts/generated-clients.sh). Made once; remade
# when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/python-venv
if ! "$venv/bin/python3" -c "import openapi_spec_validator, fhir.resources.R4B, jwt, cryptography, prometheus_client, schemathesis, selenium, openapi_python_client, pytest" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check \
        openapi-spec-validator 'fhir.resources>=8,<9' 'pyjwt>=2,<3' 'cryptography>=42' \
        'prometheus_client==0.26.0' 'schemathesis==4.32.5' selenium \
        'openapi-python-client==0.29.1' 'pytest>=8,<10'
fi
