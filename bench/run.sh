#!/usr/bin/env bash
# Times dbmig as users run it, as whole mvn processes, against a real PostgreSQL in a container:
#   baseline  mvn validate on the benchmark project (Maven's own start-up cost)
#   upgrade   dbmig:upgrade of N trivial scripts into an empty database (-Ddbmig.backup.skip=true, as Flyway and
#             MyBatis run; the default, which backs up first, is timed beside it)
#   status    dbmig:status on the migrated database
# Prints medians and the figures the budgets speak of: upgrade ms per migration above the baseline,
# status seconds above the baseline.
#
#   bench/run.sh [SCRIPTS] [RUNS]         (defaults 1000 and 5)
#   DBMIG_BENCH_IMAGE=postgres:17 bench/run.sh
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGPASSWORD=… bench/run.sh   (an existing server, no container;
#                                                                            it creates and drops bench_* databases)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts=${1:-1000}
runs=${2:-5}

install_plugin
start_server
echo "bench: writing a project with $scripts scripts to $project" >&2
write_pom
# the scripts, and the floor: the same DDL and changelog rows, one transaction per script, sent by psql over the same
# connection path, so the figures show what is dbmig's and what is PostgreSQL's (and the network's)
write_scripts "$project" "$scripts"

# Each run starts both measurements from the same server state: a checkpoint just before, databases dropped after
# (the server slows down as thousands of new tables pile up and checkpoints land in the middle of a run).
mvn_ validate >/dev/null 2>&1 || true   # warm the file cache
baseline=(); upgrade=(); with_backup=(); status=(); floors=()
for r in $(seq 1 "$runs"); do
  baseline+=("$(ms mvn_ validate)")
  fresh bench_floor
  floors+=("$(ms psql_ -d bench_floor -f "$project/floor.sql")")
  fresh bench_run
  # the engine alone, as Flyway and MyBatis run (no backup); then the default, which backs up first
  upgrade+=("$(ms mvn_ dbmig:upgrade -Dbench.db=bench_run -Ddbmig.backup.skip=true)")
  fresh bench_backed_up
  with_backup+=("$(ms mvn_ dbmig:upgrade -Dbench.db=bench_backed_up -Ddbmig.backup.directory="$(pwd)/$work/backups")")
  status+=("$(ms mvn_ dbmig:status -Dbench.db=bench_run)")
  applied=$(psql_ -d bench_run -At -c "SELECT count(*) FROM changelog")
  [ "$applied" = "$scripts" ] || { echo "bench: run $r applied $applied of $scripts scripts" >&2; exit 1; }
  psql_ -c "DROP DATABASE bench_run" -c "DROP DATABASE bench_floor" -c "DROP DATABASE bench_backed_up"
  echo "bench: run $r: validate ${baseline[-1]} ms, psql ${floors[-1]} ms, upgrade ${upgrade[-1]} ms," \
       "upgrade with backup ${with_backup[-1]} ms, status ${status[-1]} ms" >&2
done
floor=$(echo "${floors[@]}" | median)

b=$(echo "${baseline[@]}" | median); u=$(echo "${upgrade[@]}" | median); s=$(echo "${status[@]}" | median)
w=$(echo "${with_backup[@]}" | median)
echo "PostgreSQL image:          $image"
echo "scripts:                   $scripts"
echo "runs:                      $runs (medians below)"
echo "mvn validate (baseline):   $b ms"
echo "dbmig:upgrade:             $u ms  -> $(awk "BEGIN {printf \"%.2f\", ($u - $b) / $scripts}") ms per migration above baseline (budget 1.5)"
echo "psql, same SQL (floor):    $floor ms  -> $(awk "BEGIN {printf \"%.2f\", $floor / $scripts}") ms per migration spent in PostgreSQL and the connection"
echo "dbmig above the floor:     $(awk "BEGIN {printf \"%.2f\", ($u - $b - $floor) / $scripts}") ms per migration"
echo "dbmig:upgrade, default:     $w ms  (backs up the database as it was first: +$((w - u)) ms here)"
echo "dbmig:status:              $s ms  -> $(awk "BEGIN {printf \"%.2f\", ($s - $b) / 1000}") s above baseline (budget 0.6)"
