# Sourced by the benchmarks from the repository root, after
# scripts/install-dependencies.sh: wrk from Debian's packages, bench/results
# as $out, and poemsd built in release mode.
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
out=bench/results
mkdir -p "$out"
swift build -c release --product poemsd >/dev/null
