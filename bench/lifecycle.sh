#!/usr/bin/env bash
# Times dbmig:start, the database for a project's integration tests, with 50 scripts on an <image> database:
#   start      inside the goal, from its start to "ready at …" (container, database, 50 scripts, properties published)
#   bare       a bare Testcontainers PostgreSQLContainer start in the same run (bench/BareContainer.java), the yardstick
#   reuse      with <reuse> and unchanged scripts (a fresh copy of the template migrated before): inside the goal, and
#              the whole mvn dbmig:start beside mvn validate
# and prints medians (ms). Needs Docker (and, like the tests, the Testcontainers settings of this machine).
# With versions given (already in the local repository, as for compare.sh), it installs nothing and measures each of
# them in every run, alternating, so that a change shows beside what it changed.
#
#   bench/lifecycle.sh [RUNS] [VERSION...]      (default 5, this checkout); DBMIG_BENCH_IMAGE picks the image
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
shift || true
image=${DBMIG_BENCH_IMAGE:-$(docker image inspect dbmig-it/postgres:15 >/dev/null 2>&1 && echo dbmig-it/postgres:15 || echo postgres:17)}

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  install_plugin
  versions=("$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' pom.xml | head -1)")
fi
mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test.cp" >/dev/null
for v in "${versions[@]}"; do
  dir=$work/p50-$v; rm -rf "$dir"; mkdir -p "$dir/migrations"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>lifecycle-$v</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.dbmig</groupId><artifactId>dbmig-maven-plugin</artifactId><version>$v</version>
    <configuration><databases><database><id>bench</id><image>$image</image></database></databases></configuration>
  </plugin></plugins></build>
</project>
POM
  write_scripts "$dir" 50
done

mvn_l() { local v=$1; shift; mvn -o -B -f "$work/p50-$v/pom.xml" -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "$@"; }
# ms inside the goal: from its header line to the "is ready at" line of the last run's log
in_goal() {
  awk '/--- dbmig-maven-plugin:.*:start/ {s=$1} /is ready at/ {e=$1} END {
    split(s, a, /[:.]/); split(e, b, /[:.]/);
    print ((b[1]*3600 + b[2]*60 + b[3]) * 1000 + b[4]) - ((a[1]*3600 + a[2]*60 + a[3]) * 1000 + a[4]) }' "$work/last.log"
}
trap 'for v in "${versions[@]}"; do mvn_l "$v" dbmig:stop -Ddbmig.purge=true >/dev/null 2>&1 || true; done' EXIT

declare -A t
for v in "${versions[@]}"; do
  mvn_l "$v" validate >/dev/null 2>&1 || true
  mvn_l "$v" dbmig:start -Ddbmig.reuse=true >/dev/null   # the template, once, for the reuse measurements
done
for r in $(seq 1 "$runs"); do
  t[bare]+="$(java -cp "$(cat "$work/test.cp")" bench/BareContainer.java "$image" 2>/dev/null | tail -1) "
  t[validate]+="$(ms mvn_l "${versions[0]}" validate) "
  line="bench: run $r: bare $(echo "${t[bare]}" | awk '{print $NF}') ms"
  for v in "${versions[@]}"; do
    ms mvn_l "$v" dbmig:start dbmig:stop -Ddbmig.reuse=false >/dev/null; t[start$v]+="$(in_goal) "
    t[mvn$v]+="$(ms mvn_l "$v" dbmig:start -Ddbmig.reuse=true) "; t[goal$v]+="$(in_goal) "
    line+="; $v: start $(echo "${t[start$v]}" | awk '{print $NF}') ms, reuse $(echo "${t[goal$v]}" | awk '{print $NF}') ms in the goal"
    line+=" ($(echo "${t[mvn$v]}" | awk '{print $NF}') ms whole)"
  done
  echo "$line, validate $(echo "${t[validate]}" | awk '{print $NF}') ms" >&2
done
med() { echo ${t[$1]} | median; }
b=$(med bare); v=$(med validate)
echo "image: $image; scripts: 50; runs: $runs (medians)"
echo "bare Testcontainers start:        $b ms"
echo "mvn validate:                     $v ms"
for ver in "${versions[@]}"; do
  s=$(med start$ver); g=$(med goal$ver); m=$(med mvn$ver)
  echo "[$ver] dbmig:start, inside the goal: $s ms  -> $(awk "BEGIN {printf \"%.2f\", $s / $b}") x the bare start (budget 1.3)"
  echo "[$ver] reuse, inside the goal:       $g ms  (budget 300)"
  echo "[$ver] reuse, whole mvn dbmig:start: $m ms  -> $((m - v)) ms above mvn validate (budget 500)"
done
