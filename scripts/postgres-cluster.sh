#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks, from Debian's
# `postgresql` package (scripts/install-dependencies.sh --test installs it).
#
#   scripts/postgres-cluster.sh start DIR [PORT]   initdb in DIR (made if missing), start on 127.0.0.1:PORT
#                                                   (a free port when none is given); prints the URL
#   scripts/postgres-cluster.sh stop DIR           fast shutdown (pg_ctl stop -m fast), keeps DIR
#   scripts/postgres-cluster.sh restart DIR        start again after stop, on the same port
#
# The server runs as an unprivileged user: the caller, or, for root, the
# `postgres` user the package creates. Only loopback TCP and a socket in DIR;
# trust authentication for the bootstrap superuser `poemsd`, which only
# local processes can reach. synchronous_commit=on, fsync=on: a commit is on
# disk when acknowledged, as in production.
set -euo pipefail

command="${1:?usage: $0 start|stop|restart DIR [PORT]}"
dir="${2:?usage: $0 start|stop|restart DIR [PORT]}"
dir="$(realpath -m "$dir")"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# Run from DIR, which the server's user can enter: PostgreSQL's programs
# change to their working directory and warn on stderr ("could not change
# directory ... Permission denied") when the caller's is closed to them
# (a clone in a directory of mode 700). The URL is the only line on stdout.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then (cd "$dir" && runuser -u postgres -- "$@"); else (cd "$dir" && "$@"); fi
}

case "$command" in
start)
    port="${3:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        # The server's user must reach DIR: a temporary parent (mktemp -d, mode 700) is opened for traversal.
        chmod a+x "$(dirname "$dir")"
        chown postgres: "$dir"
    fi
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=poemsd --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 400
synchronous_commit = on
fsync = on
CONF
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://poemsd@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop
    ;;
restart)
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent start >/dev/null
    ;;
*)
    echo "usage: $0 start|stop|restart DIR [PORT]" >&2
    exit 64
    ;;
esac
