# A throwaway PostgreSQL server for the tests and the benchmark of the
# database source (sourced by tests/pg/run.sh and bench/pg.sh).
#
#   pg_start DIR   initdb into DIR/data and start a server that listens only
#                  on a unix socket in DIR; sets PGHOST, PGPORT, PGUSER,
#                  PGDATABASE (user and database "cjm", no password) and
#                  PG_URI. As root, the server runs as `nobody` (initdb
#                  refuses root). A role "cjm_pw" needs the password in
#                  PG_PASSWORD (scram-sha-256).
#   pg_stop        stops it (pg_start arms a trap for the caller's exit).
#
# Fails (returns 1 with a message) when the server binaries are missing:
# scripts/install-deps.sh installs Debian's postgresql.

pg_bindir() {
  local d
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return 0; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

# Runs a command as the server's owner.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  PG_DIR="$1"
  PG_BIN="$(pg_bindir)" || {
    echo "pg_server: no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin;" \
      "run scripts/install-deps.sh" >&2
    return 1
  }
  mkdir -p "$PG_DIR"
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown nobody:nogroup "$PG_DIR"; fi
  PG_PASSWORD='pw-s3cr3t_x9'
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U cjm --auth=trust -E UTF8 --no-sync \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  cat >"$PG_DIR/data/pg_hba.conf" <<'EOF'
local all cjm_pw scram-sha-256
local all all trust
EOF
  cat >>"$PG_DIR/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$PG_DIR'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 256MB
EOF
  trap pg_stop EXIT
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
    >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export PGHOST="$PG_DIR" PGPORT=5432 PGUSER=cjm PGDATABASE=postgres PGTZ=UTC
  psql -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE cjm" >/dev/null || return 1
  export PGDATABASE=cjm
  psql -q -v ON_ERROR_STOP=1 -c "CREATE ROLE cjm_pw LOGIN PASSWORD '$PG_PASSWORD'; \
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cjm_pw" >/dev/null \
    || return 1
  PG_URI="postgresql://cjm@/cjm?host=$PG_DIR"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}
