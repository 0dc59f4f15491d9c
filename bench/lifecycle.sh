#!/usr/bin/env bash
# Times dbmig:start, the database for a project's integration tests, with 50 scripts on an <image> database:
#   start      inside the goal, from its start to "ready at …" (container, database, 50 scripts, properties published)
#   bare       a bare Testcontainers PostgreSQLContainer start in the same run (bench/BareContainer.java), the yardstick
#   reuse      with <reuse> and unchanged scripts (a fresh copy of the template migrated before): inside the goal, and
#              the whole mvn dbmig:start beside mvn validate
# and prints medians (ms). Needs Docker (and, like the tests, the Testcontainers settings of this machine).
#
#   bench/lifecycle.sh [RUNS]      (default 5); DBMIG_BENCH_IMAGE picks the image
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
image=${DBMIG_BENCH_IMAGE:-$(docker image inspect dbmig-it/postgres:15 >/dev/null 2>&1 && echo dbmig-it/postgres:15 || echo postgres:17)}

install_plugin
mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test.cp" >/dev/null
version=$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' pom.xml | head -1)
dir=$work/p50; rm -rf "$dir"; mkdir -p "$dir/migrations"
cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>lifecycle</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.dbmig</groupId><artifactId>dbmig-maven-plugin</artifactId><version>$version</version>
    <configuration><databases><database><id>bench</id><image>$image</image></database></databases></configuration>
  </plugin></plugins></build>
</project>
POM
write_scripts "$dir" 50

mvn_l() { mvn -o -B -f "$dir/pom.xml" -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "$@"; }
# ms inside the goal: from its header line to the "is ready at" line of the last run's log
in_goal() {
  awk '/--- dbmig-maven-plugin:.*:start/ {s=$1} /is ready at/ {e=$1} END {
    split(s, a, /[:.]/); split(e, b, /[:.]/);
    print ((b[1]*3600 + b[2]*60 + b[3]) * 1000 + b[4]) - ((a[1]*3600 + a[2]*60 + a[3]) * 1000 + a[4]) }' "$work/last.log"
}
trap 'mvn_l dbmig:stop -Ddbmig.purge=true >/dev/null 2>&1 || true' EXIT

mvn_l validate >/dev/null 2>&1 || true
bare=(); start=(); reuse_goal=(); reuse_mvn=(); validate=()
mvn_l dbmig:start -Ddbmig.reuse=true >/dev/null   # the template, once, for the reuse measurements
for r in $(seq 1 "$runs"); do
  bare+=("$(java -cp "$(cat "$work/test.cp")" bench/BareContainer.java "$image" 2>/dev/null | tail -1)")
  ms mvn_l dbmig:start dbmig:stop -Ddbmig.reuse=false >/dev/null; start+=("$(in_goal)")
  reuse_mvn+=("$(ms mvn_l dbmig:start -Ddbmig.reuse=true)"); reuse_goal+=("$(in_goal)")
  validate+=("$(ms mvn_l validate)")
  echo "bench: run $r: bare ${bare[-1]} ms, start ${start[-1]} ms in the goal, reuse ${reuse_goal[-1]} ms in the goal" \
       "(${reuse_mvn[-1]} ms whole), validate ${validate[-1]} ms" >&2
done
b=$(echo "${bare[@]}" | median); s=$(echo "${start[@]}" | median); g=$(echo "${reuse_goal[@]}" | median)
m=$(echo "${reuse_mvn[@]}" | median); v=$(echo "${validate[@]}" | median)
echo "image: $image; scripts: 50; runs: $runs (medians)"
echo "bare Testcontainers start:        $b ms"
echo "dbmig:start, inside the goal:     $s ms  -> $(awk "BEGIN {printf \"%.2f\", $s / $b}") x the bare start (budget 1.3)"
echo "reuse, inside the goal:           $g ms  (budget 300)"
echo "reuse, whole mvn dbmig:start:     $m ms  -> $((m - v)) ms above mvn validate ($v ms) (budget 500)"
