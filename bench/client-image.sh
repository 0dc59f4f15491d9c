#!/usr/bin/env bash
# What running pg_dump from an image costs a backup, side by side in one run, on the same database:
#   local      mvn dbmig:backup with this machine's pg_dump (-Ddbmig.clientTools=local)
#   image      mvn dbmig:backup with pg_dump and pg_restore run from the server's image (-Ddbmig.clientTools=container),
#              as on a machine with only Docker installed; the dump streamed out of the container, the check fed in
# alternating in each run, with the difference of the medians beside its budget (at most 1.5 s more).
#
#   bench/client-image.sh [RUNS] [PGBENCH_SCALE] [NOISE_ROWS]     (defaults 5, 10 and 500000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
scale=${2:-10}
noise=${3:-500000}

install_plugin
start_server
write_pom
size=$(big_database bench_image "$scale" "$noise")
repository=${image%% *}; repository=${repository%:*}
echo "bench: database size $((size / 1048576)) MiB; client image $repository:<server major>" >&2

out=$(pwd)/$work/image-backups
export PGHOST=$host PGPORT=$port PGUSER=$user PGPASSWORD=$password
local_=(); image_=()
for r in $(seq 1 "$runs"); do
  rm -rf "$out"; mkdir -p "$out"
  local_+=("$(ms mvn_ dbmig:backup -Dbench.db=bench_image -Ddbmig.backup.directory="$out" -Ddbmig.clientTools=local)")
  image_+=("$(ms mvn_ dbmig:backup -Dbench.db=bench_image -Ddbmig.backup.directory="$out" \
    -Ddbmig.clientTools=container -Ddbmig.clientImage="$repository")")
  echo "bench: run $r: local ${local_[-1]} ms, image ${image_[-1]} ms" >&2
done
l=$(echo "${local_[@]}" | median); i=$(echo "${image_[@]}" | median)
echo "PostgreSQL:                   $image, database $((size / 1048576)) MiB; runs: $runs (medians, whole mvn processes)"
echo "dbmig:backup, local pg_dump:  $l ms"
echo "dbmig:backup, from the image: $i ms  -> $((i - l)) ms more (budget 1500)"
