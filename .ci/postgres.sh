#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and hand out its URL.
#
#   eval "$(bash .ci/postgres.sh)"     # or: source .ci/postgres.sh
#   pytest tests/store                  # now also runs the PostgreSQL cases
#   pg_ctl -D "$RASD_TEST_PG_DIR" stop  # when done (the data dir is a temp dir)
#
# Installs Debian's postgresql when no server binaries are found, creates a cluster in
# a fresh temp dir owned by a non-root user (the server refuses to run as root), listens
# on 127.0.0.1 only, on a free port, with trust auth, and creates the database rasd_test.
# Progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    fi
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
    log "installing Debian's postgresql"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    bindir=$(find_bindir)
fi
[ -n "$bindir" ] || { log "no PostgreSQL server binaries found"; exit 1; }

if [ "$(id -u)" = 0 ]; then
    run_as=postgres
    id "$run_as" >/dev/null 2>&1 || useradd --system --create-home "$run_as"
    as_user() { runuser -u "$run_as" -- "$@"; }
else
    as_user() { "$@"; }
fi

datadir=$(mktemp -d "${TMPDIR:-/tmp}/rasd-pg.XXXXXX")
[ "$(id -u)" = 0 ] && chown "$run_as" "$datadir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

log "cluster in $datadir, port $port"
as_user "$bindir/initdb" -D "$datadir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_user "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $datadir -c fsync=off -c full_page_writes=off" start >&2
as_user "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres rasd_test

url="postgresql+psycopg://postgres@127.0.0.1:$port/rasd_test"
export RASD_TEST_PG_URL="$url"
export RASD_TEST_PG_DIR="$datadir/data"
echo "export RASD_TEST_PG_URL=$url"
echo "export RASD_TEST_PG_DIR=$datadir/data"
