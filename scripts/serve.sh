#!/usr/bin/env bash
# Quick start, command 1: build poemsd and run it on its embedded defaults
# (127.0.0.1:8080, ./poems.sqlite). Extra arguments go to `poemsd serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift build -c release --product poemsd >&2
exec .build/release/poemsd serve "$@"
