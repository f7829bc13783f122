#!/usr/bin/env bash
# Runs once, when the Postgres volume is new: one database and one owner each for Airflow's
# metadata and for the Iceberg JDBC catalog, so neither can touch the other's tables.
set -euo pipefail
: "${AIRFLOW_DB_PASSWORD:?}" "${ICEBERG_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v airflow_password="$AIRFLOW_DB_PASSWORD" -v iceberg_password="$ICEBERG_DB_PASSWORD" <<'SQL'
CREATE ROLE airflow LOGIN PASSWORD :'airflow_password';
CREATE DATABASE airflow OWNER airflow;
CREATE ROLE iceberg LOGIN PASSWORD :'iceberg_password';
CREATE DATABASE iceberg OWNER iceberg;
SQL
