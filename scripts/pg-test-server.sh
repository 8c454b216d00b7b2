#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the store's tests.
#
#   scripts/pg-test-server.sh start   # prints its URL (postgres://gongwen@127.0.0.1:PORT/postgres)
#   scripts/pg-test-server.sh stop
#
# The cluster lives in /tmp/gongwen-pg-PORT (PORT from GONGWEN_PG_PORT, default 54329), trusts
# local connections, listens on loopback only, and runs without fsync: it holds test data and
# nothing else. `start` is idempotent: a cluster already running is reused. PostgreSQL refuses
# to run as root, so as root the server runs as the `postgres` user Debian's package makes.
# Needs Debian's `postgresql` package (.ci/run installs it).
set -euo pipefail
port=${GONGWEN_PG_PORT:-54329}
dir=/tmp/gongwen-pg-$port
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "pg-test-server: PostgreSQL's server programs are missing: apt-get install postgresql" >&2
    exit 1
fi
as_owner() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
url="postgres://gongwen@127.0.0.1:$port/postgres"
case "${1:-start}" in
start)
    # The server outlives this script: it must not inherit a caller's pipes or files (a test
    # runner waiting for a pipe's end would wait for ever).
    for fd in /proc/$$/fd/*; do
        fd=${fd##*/}
        if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        echo "$url"
        exit 0
    fi
    mkdir -p "$dir"
    if [[ $(id -u) == 0 ]]; then chown postgres: "$dir"; fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$dir/data" -U gongwen -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start </dev/null >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    echo "$url"
    ;;
stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: scripts/pg-test-server.sh start|stop" >&2
    exit 64
    ;;
esac
