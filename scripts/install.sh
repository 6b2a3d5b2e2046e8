#!/usr/bin/env bash
# Builds poemsd (release, with the Swift runtime linked in, as the
# Dockerfile) and installs it as PREFIX/bin/poemsd (PREFIX defaults to
# /usr/local), so that `poemsd …` runs from any directory. The migrations are
# compiled into the binary; it needs only libmicrohttpd and SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
scripts/install-dependencies.sh
swift build -c release --static-swift-stdlib --product poemsd >&2
install -D -m 755 .build/release/poemsd "$prefix/bin/poemsd"
echo "installed $prefix/bin/poemsd ($("$prefix/bin/poemsd" --version))"
