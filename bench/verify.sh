#!/usr/bin/env bash
# The fingerprint and dbmig:verify on a large schema: 1000 scripts building 500 tables with 10 columns each
# (5,000 columns), a primary key and one more index each (1,000 indexes), and 500 functions. Times, as whole
# mvn processes, mvn validate (baseline) and dbmig:verify, and reads the fingerprint time that verify logs.
#
#   bench/verify.sh [RUNS]        (default 5; same server choices as bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}

install_plugin
start_server
write_pom
for i in $(seq 1 500); do
  printf -- '-- // table %d\nCREATE TABLE t_%d (id int PRIMARY KEY, c1 text NOT NULL DEFAULT %s, c2 int, c3 bigint, c4 numeric(10,2),\n  c5 timestamptz DEFAULT now(), c6 boolean, c7 text, c8 jsonb, c9 date);\nCREATE INDEX t_%d_c1 ON t_%d (c1);\n\n-- //@UNDO\nDROP TABLE t_%d;\n' \
    "$i" "$i" "''" "$i" "$i" "$i" > "$project/migrations/$(printf '%06d' "$i")_table_$i.sql"
done
for i in $(seq 501 1000); do
  printf -- '-- // function %d\nCREATE FUNCTION f_%d(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x + %d; END $$;\n\n-- //@UNDO\nDROP FUNCTION f_%d(int);\n' \
    "$i" "$i" "$i" "$i" > "$project/migrations/$(printf '%06d' "$i")_function_$i.sql"
done

fresh bench_verify
echo "bench: applying 1000 scripts (not timed)" >&2
mvn_ -q dbmig:upgrade -Dbench.db=bench_verify >/dev/null
mvn_ validate >/dev/null 2>&1 || true   # warm the file cache
baseline=(); verify=(); fingerprint=()
for r in $(seq 1 "$runs"); do
  baseline+=("$(ms mvn_ validate)")
  verify+=("$(ms mvn_ dbmig:verify -Dbench.db=bench_verify)")
  fingerprint+=("$(sed -n 's/.*schema fingerprint of \([0-9]*\) entries read in \([0-9]*\) ms.*/\2/p' "$work/last.log")")
  entries=$(sed -n 's/.*schema fingerprint of \([0-9]*\) entries.*/\1/p' "$work/last.log")
  echo "bench: run $r: validate ${baseline[-1]} ms, verify ${verify[-1]} ms, fingerprint ${fingerprint[-1]} ms" >&2
done
b=$(echo "${baseline[@]}" | median); v=$(echo "${verify[@]}" | median); f=$(echo "${fingerprint[@]}" | median)
echo "PostgreSQL:                $image"
echo "schema:                    500 tables, 5000 columns, 1000 indexes, 500 functions, 1000 applied scripts ($entries entries)"
echo "runs:                      $runs (medians below)"
echo "fingerprint:               $f ms (budget 300)"
echo "mvn validate (baseline):   $b ms"
echo "dbmig:verify:              $v ms  -> $(awk "BEGIN {printf \"%.2f\", ($v - $b) / 1000}") s above baseline (budget 1.0)"
