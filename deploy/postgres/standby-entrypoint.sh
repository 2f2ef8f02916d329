#!/bin/sh
# The standby: on first start, copy the primary with pg_basebackup -R (which writes standby.signal and
# primary_conninfo; the primary keeps wal_keep_size of WAL for a standby that falls behind); then run PostgreSQL as a
# hot standby. Later starts find the data folder and just run.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until su-exec postgres pg_basebackup -h db-primary -U replicator -D "$PGDATA" -R -X stream -c fast; do
    echo "Waiting for the primary to accept a base backup..."
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
fi
exec su-exec postgres postgres -c hot_standby=on
