# Shared by the benchmarks: a PostgreSQL to measure against, psql over the same path as dbmig, timing helpers,
# and a benchmark project. Source it from bench/*.sh after `cd` to the repository root.
work=target/bench
project=$work/project
mkdir -p "$work"

# Starts a container (DBMIG_BENCH_IMAGE, else dbmig-it/postgres:15 when present, else postgres:17),
# or uses an existing server when PGHOST is set. Sets host, port, user, password, image.
# DBMIG_BENCH_TMPFS=1 keeps the container's data directory in memory: the time of a disk flush at each COMMIT
# varies several-fold between runs on these machines and drowns the client's share, which is what the budgets are
# about (psql and dbmig pay the same flushes).
start_server() {
  if [ -n "${PGHOST:-}" ]; then
    image="existing server $PGHOST:${PGPORT:-5432}"
    host=$PGHOST; port=${PGPORT:-5432}; user=${PGUSER:-$USER}; password=${PGPASSWORD:-}
    return
  fi
  image=${DBMIG_BENCH_IMAGE:-$(docker image inspect dbmig-it/postgres:15 >/dev/null 2>&1 && echo dbmig-it/postgres:15 || echo postgres:17)}
  password=bench-$RANDOM$RANDOM
  echo "bench: starting $image" >&2
  local tmpfs=(); [ "${DBMIG_BENCH_TMPFS:-0}" = 1 ] && tmpfs=(--tmpfs /var/lib/postgresql/data) && image="$image (data in tmpfs)"
  container=$(docker run -d --rm "${tmpfs[@]}" -e POSTGRES_USER=bench -e POSTGRES_PASSWORD="$password" -e POSTGRES_DB=bench -p 127.0.0.1::5432 "${image%% *}")
  trap 'docker stop "$container" >/dev/null' EXIT
  host=127.0.0.1; user=bench; port=$(docker port "$container" 5432/tcp | head -1 | sed 's/.*://')
  for _ in $(seq 1 60); do
    docker exec "$container" pg_isready -U bench -d bench -h 127.0.0.1 >/dev/null 2>&1 && break; sleep 1
  done
  sleep 1
}

# psql from this machine, over the same TCP path as dbmig (Docker's port proxy included), so floors are comparable
psql_() {
  if [ -n "${container:-}" ] && ! command -v psql >/dev/null; then
    docker exec -i -e PGOPTIONS="-c client_min_messages=warning" -e PGPASSWORD="$password" "$container" \
      psql -q -h 127.0.0.1 -U "$user" -d postgres -v ON_ERROR_STOP=1 "$@"
  else
    PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$password" psql -q -h "$host" -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 "$@"
  fi
}

install_plugin() {
  echo "bench: installing the plugin into the local repository" >&2
  mvn -q -B install -DskipTests >/dev/null
}

# Writes DIR/pom.xml (default $project) declaring one database 'bench' whose name comes from -Dbench.db and whose
# port is -Dbench.port (default: the server's own; a proxy's in bench/network.sh)
write_pom() {
  local version dir=${1:-$project}
  version=$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' pom.xml | head -1)
  rm -rf "$dir"; mkdir -p "$dir/migrations"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench</artifactId><version>1</version><packaging>pom</packaging>
  <properties><bench.port>$port</bench.port></properties>
  <build><plugins><plugin>
    <groupId>io.github.dbmig</groupId><artifactId>dbmig-maven-plugin</artifactId><version>$version</version>
    <configuration><databases><database>
      <id>bench</id><url>jdbc:postgresql://$host:\${bench.port}/\${bench.db}</url><username>$user</username>
    </database></databases></configuration>
  </plugin></plugins></build>
</project>
POM
}

# Writes N scripts of one CREATE TABLE and EXTRA inserts each into DIR/migrations, and DIR/floor.sql: the same SQL
# with the changelog rows, one transaction per script, as psql sends it (statement by statement)
write_scripts() {
  local dir=$1 n=$2 extra=${3:-0} i j
  { echo "CREATE TABLE changelog (id numeric(20,0) PRIMARY KEY, applied_at varchar(25), description varchar(255));"
    for i in $(seq 1 "$n"); do
      { printf -- '-- // table %d\nCREATE TABLE t_%d (id int primary key, v text);\n' "$i" "$i"
        for j in $(seq 1 "$extra"); do printf 'INSERT INTO t_%d VALUES (%d);\n' "$i" "$j"; done
        printf -- '\n-- //@UNDO\nDROP TABLE t_%d;\n' "$i"; } > "$dir/migrations/$(printf '%06d' "$i")_table_$i.sql"
      echo "BEGIN;"; sed -n '2,/^$/p' "$dir/migrations/$(printf '%06d' "$i")_table_$i.sql" | sed '/^$/d'
      echo "INSERT INTO changelog VALUES ($i, '2026-01-01 00:00:00.0', 'table $i'); COMMIT;"
    done; } > "$dir/floor.sql"
}

ms() { local s e; s=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mvn_() { PGPASSWORD="$password" mvn -o -B -f "$project/pom.xml" "$@"; }
# Drops and creates a database, then checkpoints, so each measurement starts from the same server state
fresh() { psql_ -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" -c "CHECKPOINT"; }

# The directory of the newest PostgreSQL client programs installed here (pg_dump, pg_restore, pgbench, createdb)
client_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# Builds database DB of about 1 GB for backup.sh and rehearse.sh: pgbench's tables at SCALE (which compress about 56:1)
# plus NOISE rows of random text, so that a dump compresses no better than about 4:1. Prints its size in bytes.
big_database() {
  local db=$1 scale=$2 noise=$3 bin
  bin=$(client_bin)
  echo "bench: building the database (pgbench scale $scale, $noise rows of random text)" >&2
  fresh "$db" >/dev/null
  PGPASSWORD="$password" "$bin/pgbench" -q -i -s "$scale" -h "$host" -p "$port" -U "$user" "$db" >/dev/null 2>&1
  psql_ -d "$db" -c "CREATE TABLE noise AS SELECT g AS id, md5(random()::text) || md5(random()::text)
    || md5(random()::text) || md5(random()::text) AS body FROM generate_series(1, $noise) g" -c "VACUUM ANALYZE" >/dev/null
  psql_ -d "$db" -At -c "SELECT pg_database_size(current_database())"
}
