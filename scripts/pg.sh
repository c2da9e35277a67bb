# Start a throwaway PostgreSQL 15 cluster (with PostGIS available) for the tests.
# Usage: source scripts/pg.sh; pg_start   -> exports PG_URL
PG_DIR=${PG_DIR:-/tmp/conflictmap-pg}
PG_PORT=${PG_PORT:-54329}
pg_start() {
  pushd / >/dev/null  # the postgres user cannot enter a private checkout
  local bin=/usr/lib/postgresql/15/bin
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
    su postgres -c "$bin/initdb -D $PG_DIR -A trust -U postgres" >/dev/null
  fi
  if ! su postgres -c "$bin/pg_ctl -D $PG_DIR status" >/dev/null 2>&1; then
    su postgres -c "$bin/pg_ctl -D $PG_DIR -l $PG_DIR/log -o '-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1' -w start" >/dev/null
  fi
  su postgres -c "psql -h 127.0.0.1 -p $PG_PORT -tc \"select 1 from pg_database where datname='conflictmap_test'\"" | grep -q 1 \
    || su postgres -c "createdb -h 127.0.0.1 -p $PG_PORT conflictmap_test"
  su postgres -c "psql -h 127.0.0.1 -p $PG_PORT -d conflictmap_test -qc 'create extension if not exists postgis'" >/dev/null
  export PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/conflictmap_test"
  popd >/dev/null
}
