#!/usr/bin/env bash
# Backup and restore of a database of about 1 GB, side by side in one run:
#   pg_dump -Fc                 bare custom-format dump
#   pg_dump | gzip              the runbooks' dump
#   dbmig:backup                custom format with verification (checksum, pg_restore --list), as a whole mvn process
#   createdb && pg_restore -j 2 the runbook's restore of the custom dump into a new database
#   dbmig:restore               checksum, create, restore (-j 2), rename, as a whole mvn process
# The data: pgbench's tables (which compress about 56:1) plus a table of random text, so that the dump compresses
# no better than about 4:1.
#
#   bench/backup.sh [RUNS] [PGBENCH_SCALE] [NOISE_ROWS]     (defaults 3, 40 and 3000000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-3}
scale=${2:-40}
noise=${3:-3000000}
bin=$(client_bin)

install_plugin
start_server
write_pom
size=$(big_database bench_backup "$scale" "$noise")
echo "bench: database size $((size / 1048576)) MiB" >&2

out=$(pwd)/$work/backups; rm -rf "$out"; mkdir -p "$out"
export PGHOST=$host PGPORT=$port PGUSER=$user PGPASSWORD=$password
dump=(); gzipped=(); dbmig=(); restore=(); dbmig_restore=()
for r in $(seq 1 "$runs"); do
  rm -rf "$out"/*
  dump+=("$(ms "$bin/pg_dump" -Fc -d bench_backup -f "$out/bare.dump")")
  gzipped+=("$(ms sh -c "'$bin/pg_dump' -d bench_backup | gzip > '$out/runbook.sql.gz'")")
  dbmig+=("$(ms mvn_ dbmig:backup -Dbench.db=bench_backup -Ddbmig.backup.directory="$out")")
  backup=$(ls "$out"/bench-*.dump | head -1)
  psql_ -c "DROP DATABASE IF EXISTS bench_restore_bare" >/dev/null
  # the runbook's step: createdb -O owner copy, then restore into it
  restore+=("$(ms sh -c "'$bin/createdb' -O '$user' bench_restore_bare && '$bin/pg_restore' -j 2 -d bench_restore_bare '$out/bare.dump'")")
  psql_ -c "DROP DATABASE IF EXISTS bench_restore_dbmig" >/dev/null
  dbmig_restore+=("$(ms mvn_ dbmig:restore -Dbench.db=bench_backup -Ddbmig.backup="$backup" -Ddbmig.restoreTo=bench_restore_dbmig)")
  echo "bench: run $r: pg_dump -Fc ${dump[-1]} ms, pg_dump|gzip ${gzipped[-1]} ms, dbmig:backup ${dbmig[-1]} ms," \
       "pg_restore ${restore[-1]} ms, dbmig:restore ${dbmig_restore[-1]} ms" >&2
done
d=$(echo "${dump[@]}" | median); g=$(echo "${gzipped[@]}" | median); b=$(echo "${dbmig[@]}" | median)
pr=$(echo "${restore[@]}" | median); dr=$(echo "${dbmig_restore[@]}" | median)
raw=$(zcat "$out/runbook.sql.gz" | wc -c)
echo "PostgreSQL:                 $image, database $((size / 1048576)) MiB, plain dump $((raw / 1048576)) MiB"
echo "compression:                custom $(( raw / $(stat -c %s "$out/bare.dump") )):1, gzip $(( raw / $(stat -c %s "$out/runbook.sql.gz") )):1"
echo "runs:                       $runs (medians below)"
echo "pg_dump -Fc:                $d ms"
echo "pg_dump | gzip:             $g ms"
echo "dbmig:backup (verified):    $b ms  -> $(awk "BEGIN {printf \"%.2f\", $b / $d}")x pg_dump -Fc (budget 1.15), $(awk "BEGIN {printf \"%.2f\", $b / $g}")x pg_dump|gzip (budget 0.75)"
echo "createdb + pg_restore -j 2: $pr ms"
echo "dbmig:restore:              $dr ms  -> $(awk "BEGIN {printf \"%.2f\", $dr / $pr}")x pg_restore (budget 1.1)"
