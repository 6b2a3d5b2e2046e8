#!/usr/bin/env bash
# The Python tools the tests use, in a virtual environment under the build
# directory (Debian's Python is externally managed, PEP 668, and refuses a
# global pip install): Schemathesis (contract fuzzing, scripts/contract-fuzz.sh)
# and prometheus_client (the /metrics test parses with its parser).
# Prints the environment's python3.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/python-tools
requirements=(schemathesis==4.32.5 prometheus_client==0.26.0)
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python3" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${requirements[*]}" ]; then
    mkdir -p .build
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${requirements[@]}" >&2
    echo "${requirements[*]}" > "$stamp"
fi
echo "$PWD/$venv/bin/python3"
