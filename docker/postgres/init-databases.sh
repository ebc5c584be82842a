#!/bin/bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d):
# one database per service, each owned by a role of its own, so that no service can read
# another's tables (ARCHITECTURE.md: each service owns its database).
# Passwords come from the environment (.env): ORDERS_DB_PASSWORD, INVENTORY_DB_PASSWORD, ...
set -euo pipefail

create() {
  local name="$1" password="$2"
  if [[ -z "$password" ]]; then
    echo "init-databases: the password of role '$name' is empty: set it in .env" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create orders "${ORDERS_DB_PASSWORD:-}"
create inventory "${INVENTORY_DB_PASSWORD:-}"
create payments "${PAYMENTS_DB_PASSWORD:-}"
create shipping "${SHIPPING_DB_PASSWORD:-}"
