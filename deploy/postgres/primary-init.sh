#!/bin/sh
# Runs once in the official postgres image when the primary's data folder is created (docker-entrypoint-initdb.d):
# a role that may only replicate, allowed from the compose network with a password.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${SESEC_REPLICATION_PASSWORD}';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
