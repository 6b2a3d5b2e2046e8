# Sourced by the callgrind profiles (profile.sh, profile-evaluations.sh) from
# the repository root: valgrind, bench/results as $out, the release build,
# a temporary $work directory (removed on exit, with the process $pid if
# set), $work/poemsd to profile, and $db, a database in $work.
scripts/install-dependencies.sh
command -v valgrind >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq valgrind >/dev/null; }
out=bench/results
mkdir -p "$out"
swift build -c release --product poemsd >/dev/null
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 of Swift's release build: profile a
# copy without debug information (the symbol table keeps function names).
objcopy --strip-debug .build/release/poemsd "$work/poemsd"
db="$work/profile.sqlite"
