#!/usr/bin/env bash
# Two versions of the plugin side by side in one run, on the same server: upgrade of SCRIPTS trivial scripts into an
# empty database (backup before change off) and status on them, alternating A and B in each run, with mvn validate.
# Both versions must be in the local repository (install an old commit with another version first, e.g.
#   git worktree add /tmp/old <commit> && cd /tmp/old && mvn versions:set -DnewVersion=0.0.1-old && mvn install -DskipTests).
#
#   bench/compare.sh VERSION_A VERSION_B [SCRIPTS] [RUNS]      (defaults 1000 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
a=$1; b=$2; scripts=${3:-1000}; runs=${4:-5}

start_server
write_pom "$work/compare"
write_scripts "$work/compare" "$scripts"
for v in "$a" "$b"; do
  mkdir -p "$work/compare-$v"; rm -rf "$work/compare-$v/migrations"; cp -r "$work/compare/migrations" "$work/compare-$v/"
  sed "s|<artifactId>dbmig-maven-plugin</artifactId><version>[^<]*</version>|<artifactId>dbmig-maven-plugin</artifactId><version>$v</version>|" \
    "$work/compare/pom.xml" > "$work/compare-$v/pom.xml"
done
mvn_v() { local v=$1; shift; PGPASSWORD="$password" mvn -o -B -f "$work/compare-$v/pom.xml" "$@"; }
mvn_v "$a" validate >/dev/null 2>&1 || true
declare -A t
for r in $(seq 1 "$runs"); do
  t[validate]+="$(ms mvn_v "$a" validate) "
  for v in "$a" "$b"; do
    fresh bench_cmp >/dev/null
    t[up$v]+="$(ms mvn_v "$v" dbmig:upgrade -Dbench.db=bench_cmp -Ddbmig.backup.skip=true) "
    t[st$v]+="$(ms mvn_v "$v" dbmig:status -Dbench.db=bench_cmp) "
    psql_ -c "DROP DATABASE bench_cmp" >/dev/null
  done
  echo "bench: run $r done" >&2
done
med() { echo ${t[$1]} | median; }
echo "PostgreSQL: $image; scripts: $scripts; runs: $runs (medians, ms, whole mvn processes)"
echo "mvn validate:      $(med validate)"
printf '%-18s %12s %12s\n' "" "$a" "$b"
printf '%-18s %12s %12s\n' "dbmig:upgrade" "$(med up$a)" "$(med up$b)"
printf '%-18s %12s %12s\n' "dbmig:status" "$(med st$a)" "$(med st$b)"
# every run, so that a difference can be told from the noise (a COMMIT's disk flush varies between runs here)
for k in "up$a" "up$b" "st$a" "st$b"; do echo "runs $k: $(echo ${t[$k]} | tr ' ' '\n' | sort -n | tr '\n' ' ')"; done
