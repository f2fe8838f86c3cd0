# shellcheck shell=bash
# Makes sure a local PostgreSQL runs for the tests of ioc-sync's PostgreSQL store (several replicas on one database):
# installs postgresql with apt when missing (Debian/Ubuntu), starts its cluster, waits until it answers, and creates
# the login role the tests use. Sourced by tools/test.sh; call `ensure_postgresql`.
# A CONNECTOR_TEST_POSTGRES connection string set by the caller means a server elsewhere: nothing is installed.

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

CONNECTOR_TEST_POSTGRES_DEFAULT="Host=127.0.0.1;Port=5432;Username=connector;Password=connector;Database=postgres"

if ! declare -F as_root >/dev/null; then
  as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
  }
fi

postgres_answers() {
  pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

ensure_postgresql() {
  if [ -n "${CONNECTOR_TEST_POSTGRES:-}" ]; then
    echo "==> using the PostgreSQL of CONNECTOR_TEST_POSTGRES"
    return 0
  fi

  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "==> installing postgresql"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  fi

  if ! postgres_answers; then
    local cluster
    cluster="$(pg_lsclusters -h 2>/dev/null | awk 'NR == 1 { print $1 " " $2 }')"
    if [ -z "$cluster" ]; then
      local version
      version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
      echo "==> creating PostgreSQL cluster $version/main"
      as_root pg_createcluster "$version" main
      cluster="$version main"
    fi
    echo "==> starting PostgreSQL $cluster"
    # shellcheck disable=SC2086 # version and name are two arguments
    as_root pg_ctlcluster $cluster start
  fi

  local deadline=$((SECONDS + 60))
  until postgres_answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "PostgreSQL did not answer pg_isready on 127.0.0.1:5432 within 60 s" >&2
      return 1
    fi
    sleep 1
  done

  # The tests make and drop a database of their own per run, hence CREATEDB.
  as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'connector') THEN CREATE ROLE connector LOGIN PASSWORD 'connector' CREATEDB; END IF; END \$\$;"
  export CONNECTOR_TEST_POSTGRES="$CONNECTOR_TEST_POSTGRES_DEFAULT"
  echo "==> postgresql is up"
}
