#!/usr/bin/env bash
# Fleets and tenants, as whole mvn processes:
#   fleet      20 databases x 50 scripts found by a URL pattern, upgraded with -Ddbmig.parallel=1, 2 and 4, beside 20
#              separate mvn dbmig:upgrade runs (one per database) minus their start-up (20 x mvn validate)
#   tenants    schemas found by a pattern (tenant_*), 5 scripts each, upgraded with -Ddbmig.parallel=4: 100 and 1,000
#              tenants, so that the cost per tenant shows whether it grows with their number
# Prints medians (ms). Backups before change are off (-Ddbmig.backup.skip=true), as for the other engine figures.
#
#   bench/fleet.sh [RUNS]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-3}

install_plugin
start_server
version=$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' pom.xml | head -1)
project_with() {   # DIR URL [SCHEMA]
  rm -rf "$1"; mkdir -p "$1/migrations"
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>fleet</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.dbmig</groupId><artifactId>dbmig-maven-plugin</artifactId><version>$version</version>
    <configuration><databases><database>
      <id>bench</id><url>$2</url><username>$user</username>${3:+<schema>$3</schema>}
    </database></databases></configuration>
  </plugin></plugins></build>
</project>
POM
}
project_with "$work/fleet" "jdbc:postgresql://$host:$port/fleet_*"
write_scripts "$work/fleet" 50
project_with "$work/tenants" "jdbc:postgresql://$host:$port/bench_tenants" 'tenant_*'
write_scripts "$work/tenants" 5
mvn_f() { local dir=$1; shift; PGPASSWORD="$password" mvn -o -B -f "$work/$dir/pom.xml" -Ddbmig.backup.skip=true "$@"; }
fleet() { for i in $(seq -w 1 20); do psql_ -c "DROP DATABASE IF EXISTS fleet_$i" -c "CREATE DATABASE fleet_$i" >/dev/null; done
          psql_ -c CHECKPOINT >/dev/null; }
tenants() {
  fresh bench_tenants >/dev/null
  echo "SELECT format('CREATE SCHEMA tenant_%s', lpad(g::text, 4, '0')) FROM generate_series(1, $1) g \gexec" \
    | psql_ -d bench_tenants >/dev/null
  psql_ -c CHECKPOINT >/dev/null
}

mvn_f fleet validate >/dev/null 2>&1 || true
declare -A t
for r in $(seq 1 "$runs"); do
  t[validate]+="$(ms mvn_f fleet validate) "
  for p in 1 2 4; do fleet; t[p$p]+="$(ms mvn_f fleet dbmig:upgrade -Ddb=bench -Ddbmig.parallel=$p) "; done
  fleet; separate=0
  for i in $(seq -w 1 20); do separate=$((separate + $(ms mvn_f fleet dbmig:upgrade -Ddb="bench/fleet_$i"))); done
  t[separate]+="$separate "
  for n in 100 1000; do tenants "$n"; t[t$n]+="$(ms mvn_f tenants dbmig:upgrade -Ddb=bench -Ddbmig.parallel=4) "; done
  [ "$(psql_ -d bench_tenants -At -c 'SELECT count(*) FROM tenant_1000.changelog')" = 5 ] || { echo "bench: tenants incomplete" >&2; exit 1; }
  echo "bench: run $r done" >&2
done
med() { echo ${t[$1]} | median; }
v=$(med validate)
echo "PostgreSQL: $image; runs: $runs (medians, ms; whole mvn processes)"
echo "fleet of 20 databases x 50 scripts:"
echo "  parallel 1: $(med p1)   parallel 2: $(med p2)   parallel 4: $(med p4)   -> parallel 4 is $(awk "BEGIN {printf \"%.2f\", $(med p1) / $(med p4)}")x parallel 1 (budget 1.6)"
echo "  20 separate runs: $(med separate), minus 20 x validate ($v): $(( $(med separate) - 20 * v ))  (parallel 1 should be no slower)"
echo "tenant schemas x 5 scripts, parallel 4 (validate $v):"
for n in 100 1000; do
  echo "  $n tenants: $(med t$n) ms -> $(awk "BEGIN {printf \"%.1f\", ($(med t$n) - $v) / $n}") ms per tenant above validate"
done
