#!/usr/bin/env bash
# Times dbmig across a network: a proxy (bench/proxy.sh) between the client and PostgreSQL delays every message by a
# fixed time in each direction and counts the client's round trips. For each round trip time (default 0, 2 and 10 ms)
# and each run it times whole mvn processes and psql through the same proxy:
#   up100       dbmig:upgrade of 100 one-statement scripts, backup before change off
#   up100+bk    the same with the default backup before change (its share is the difference)
#   up100x20    dbmig:upgrade of 100 scripts of 20 statements each, backup off
#   up1000      dbmig:upgrade of 1,000 one-statement scripts, backup off
#   status1000  dbmig:status on those 1,000 applied scripts
#   psql100, psql100x20, psql1000   the same SQL and changelog rows sent by psql statement by statement, one
#               transaction per script (what a tool that sends each statement pays)
# and prints medians (ms) with the round trips each took, beside mvn validate.
#
#   bench/network.sh [RUNS] [RTT_MS...]      (defaults 3, and 0 2 10)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-3}; shift || true
rtts=("${@:-0 2 10}"); read -r -a rtts <<<"${rtts[*]}"

install_plugin
start_server
for p in p100 p100x20 p1000; do write_pom "$work/$p"; done
write_scripts "$work/p100" 100
write_scripts "$work/p100x20" 100 19
write_scripts "$work/p1000" 1000

proxies=()
stop_proxies() { for pid in "${proxies[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap 'stop_proxies; [ -n "${container:-}" ] && docker stop "$container" >/dev/null' EXIT
declare -A proxy_port
for rtt in "${rtts[@]}"; do
  bench/proxy.sh 0 "$host" "$port" "$(awk "BEGIN {print $rtt / 2}")" "$work/rt.$rtt" > "$work/proxy.$rtt.log" &
  proxies+=("$!")
  for _ in $(seq 1 100); do grep -q '^proxy:' "$work/proxy.$rtt.log" 2>/dev/null && break; sleep 0.2; done
  proxy_port[$rtt]=$(sed -n 's/^proxy: 127.0.0.1:\([0-9]*\).*/\1/p' "$work/proxy.$rtt.log")
done

# ms and round trips of one command through the proxy for $rtt: "MS RT"
through() {
  local before after t
  sleep 0.1; before=$(cat "$work/rt.$rtt")
  t=$(ms "$@")
  sleep 0.1; after=$(cat "$work/rt.$rtt")
  echo "$t $((after - before))"
}
mvn_p() { local dir=$1; shift; PGPASSWORD="$password" mvn -o -B -f "$work/$dir/pom.xml" -Dbench.port="${proxy_port[$rtt]}" "$@"; }
psql_p() { PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "${proxy_port[$rtt]}" \
  -U "$user" -v ON_ERROR_STOP=1 "$@"; }
command -v psql >/dev/null || { echo "bench: needs psql on this machine (to go through the proxy)" >&2; exit 1; }

mvn_p p100 validate >/dev/null 2>&1 || true   # warm the file cache
declare -A times trips
measures=(validate psql100 up100 up100+bk up100x20 psql100x20 psql1000 up1000 status1000)
record() { local out=$2; times[$rtt,$1]+="${out% *} "; trips[$rtt,$1]=${out#* }; }
for r in $(seq 1 "$runs"); do
  for rtt in "${rtts[@]}"; do
    record validate "$(ms mvn_p p100 validate) 0"
    fresh bench_psql >/dev/null; record psql100 "$(through psql_p -d bench_psql -f "$work/p100/floor.sql")"
    fresh bench_up >/dev/null; record up100 "$(through mvn_p p100 dbmig:upgrade -Dbench.db=bench_up -Ddbmig.backup.skip=true)"
    fresh bench_bk >/dev/null
    record up100+bk "$(through mvn_p p100 dbmig:upgrade -Dbench.db=bench_bk -Ddbmig.backup.directory="$(pwd)/$work/backups")"
    fresh bench_x20 >/dev/null; record up100x20 "$(through mvn_p p100x20 dbmig:upgrade -Dbench.db=bench_x20 -Ddbmig.backup.skip=true)"
    fresh bench_psql >/dev/null; record psql100x20 "$(through psql_p -d bench_psql -f "$work/p100x20/floor.sql")"
    fresh bench_psql >/dev/null; record psql1000 "$(through psql_p -d bench_psql -f "$work/p1000/floor.sql")"
    fresh bench_up >/dev/null; record up1000 "$(through mvn_p p1000 dbmig:upgrade -Dbench.db=bench_up -Ddbmig.backup.skip=true)"
    record status1000 "$(through mvn_p p1000 dbmig:status -Dbench.db=bench_up)"
    [ "$(psql_ -d bench_up -At -c 'SELECT count(*) FROM changelog')" = 1000 ] || { echo "bench: upgrade incomplete" >&2; exit 1; }
    echo "bench: run $r at ${rtt} ms done" >&2
  done
done

echo "PostgreSQL image: $image; runs: $runs (medians in ms; round trips counted by the proxy)"
printf '%-12s' "round trip"; for m in "${measures[@]}"; do printf '%16s' "$m"; done; echo
for rtt in "${rtts[@]}"; do
  printf '%-12s' "$rtt ms"
  for m in "${measures[@]}"; do
    printf '%16s' "$(echo ${times[$rtt,$m]} | median) ($(printf '%s' "${trips[$rtt,$m]}"))"
  done; echo
done
for rtt in "${rtts[@]}"; do
  v=$(echo ${times[$rtt,validate]} | median); u=$(echo ${times[$rtt,up100]} | median); b=$(echo ${times[$rtt,up100+bk]} | median)
  echo "$rtt ms: up100 $((u - v)) ms above validate; backup share of up100+bk $((b - u)) ms ($(awk "BEGIN {printf \"%.0f\", 100 * ($b - $u) / $b}") %)"
done
