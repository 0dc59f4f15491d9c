#!/usr/bin/env bash
# The dress rehearsal of a release on a database of about 1 GB with 10 pending scripts, beside the runbook's hand-run
# sequence in the same run:
#   by hand    pg_dump -Fc, createdb, pg_restore -j 2 into it, psql -1 applying the 10 scripts (each in a transaction)
#   rehearse   dbmig:rehearse: a verified backup (checksum, pg_restore --list), restored (-j 2) into a scratch database,
#              the scripts applied, checked (locks, fingerprint), undone, applied again, the scratch dropped
# Prints medians (ms). The data: pgbench's tables plus a table of random text (as bench/backup.sh).
#
#   bench/rehearse.sh [RUNS] [PGBENCH_SCALE] [NOISE_ROWS]     (defaults 2, 40 and 3000000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-2}
scale=${2:-40}
noise=${3:-3000000}
bin=$(client_bin)

install_plugin
start_server
write_pom
# 10 pending scripts on pgbench's tables: columns, an index, a table, a view; each with its undo
mig=$project/migrations
printf -- '-- // base\nSELECT 1;\n\n-- //@UNDO\nSELECT 1;\n' > "$mig/000001_base.sql"
for i in 1 2 3 4 5; do
  printf -- '-- // column %d\nALTER TABLE pgbench_branches ADD COLUMN note_%d text;\n\n-- //@UNDO\nALTER TABLE pgbench_branches DROP COLUMN note_%d;\n' \
    "$i" "$i" "$i" > "$mig/00000$((i + 1))_column_$i.sql"
done
printf -- '-- // index\nCREATE INDEX tellers_balance ON pgbench_tellers (tbalance);\n\n-- //@UNDO\nDROP INDEX tellers_balance;\n' > "$mig/000007_index.sql"
printf -- '-- // table\nCREATE TABLE audit (id bigint primary key, at timestamptz);\n\n-- //@UNDO\nDROP TABLE audit;\n' > "$mig/000008_table.sql"
printf -- '-- // view\nCREATE VIEW branch_totals AS SELECT bid, bbalance FROM pgbench_branches;\n\n-- //@UNDO\nDROP VIEW branch_totals;\n' > "$mig/000009_view.sql"
printf -- '-- // row\nINSERT INTO audit VALUES (1, now());\n\n-- //@UNDO\nDELETE FROM audit WHERE id = 1;\n' > "$mig/000010_row.sql"
printf -- '-- // comment\nCOMMENT ON TABLE audit IS $$who did what$$;\n\n-- //@UNDO\nCOMMENT ON TABLE audit IS NULL;\n' > "$mig/000011_comment.sql"

size=$(big_database bench_release "$scale" "$noise")
mvn_ dbmig:stamp -Dbench.db=bench_release -Ddbmig.target=1 >/dev/null   # the release's base: script 1 applied
echo "bench: database size $((size / 1048576)) MiB" >&2

out=$(pwd)/$work/backups; mkdir -p "$out"
export PGHOST=$host PGPORT=$port PGUSER=$user PGPASSWORD=$password
by_hand() {
  "$bin/pg_dump" -Fc -d bench_release -f "$out/hand.dump"
  psql_ -c "DROP DATABASE IF EXISTS bench_hand" -c "CREATE DATABASE bench_hand" >/dev/null
  "$bin/pg_restore" -j 2 -d bench_hand "$out/hand.dump"
  for f in "$mig"/0000{02..11}_*.sql; do sed '/^-- \/\/@UNDO/,$d' "$f" | psql_ -d bench_hand -1 >/dev/null; done
}
hand=(); rehearse=()
for r in $(seq 1 "$runs"); do
  rm -rf "${out:?}"/*; psql_ -c CHECKPOINT >/dev/null
  hand+=("$(ms by_hand)")
  psql_ -c "DROP DATABASE bench_hand" -c CHECKPOINT >/dev/null
  rehearse+=("$(ms mvn_ dbmig:rehearse -Dbench.db=bench_release -Ddbmig.backup.directory="$out")")
  echo "bench: run $r: by hand ${hand[-1]} ms, dbmig:rehearse ${rehearse[-1]} ms" >&2
done
h=$(echo "${hand[@]}" | median); d=$(echo "${rehearse[@]}" | median)
echo "PostgreSQL: $image; runs: $runs (medians)"
echo "by hand (pg_dump -Fc, createdb, pg_restore -j 2, psql -1 x 10): $h ms"
echo "dbmig:rehearse (all of the above, verified, undone and applied again): $d ms -> $(awk "BEGIN {printf \"%.2f\", $d / $h}")x (budget 1.2)"
