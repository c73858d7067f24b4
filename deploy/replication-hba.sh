#!/bin/sh
# Run once by the postgres image when it creates the primary's data folder
# (/docker-entrypoint-initdb.d): lets the `db-replica` service stream WAL with the password.
# An existing data folder needs the same line added to its pg_hba.conf by hand, then a reload.
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
