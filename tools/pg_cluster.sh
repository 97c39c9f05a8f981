#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (and for trying the app on
# PostgreSQL): initdb in DIR, started with pg_ctl on 127.0.0.1:PORT, one
# database created; prints its URL on stdout (everything else on stderr).
#
#   tools/pg_cluster.sh start [DIR] [PORT]   default /tmp/sourcer-pg, 55432
#   tools/pg_cluster.sh stop  [DIR]
#
# initdb refuses to run as root: as root, the cluster belongs to the
# `postgres` user (Debian's package creates it) and the commands run as it.
set -euo pipefail

action=${1:-start}
dir=${2:-/tmp/sourcer-pg}
port=${3:-55432}
dbname=sourcer

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  if command -v initdb >/dev/null 2>&1; then
    bindir=$(dirname "$(readlink -f "$(command -v initdb)")")
  else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg_cluster: initdb not found (install postgresql, or set PG_BINDIR)" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
      chmod 700 "$dir"
      as_owner "$bindir/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >&2
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      # fsync off: a throw-away cluster; the tests create and drop many databases
      as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2
    fi
    if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = '$dbname'" | grep -q 1; then
      as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$dbname"
    fi
    echo "postgresql://postgres@127.0.0.1:$port/$dbname"
    ;;
  stop)
    as_owner "$bindir/pg_ctl" -D "$dir" -m fast stop >&2
    ;;
  *)
    echo "usage: $0 start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
