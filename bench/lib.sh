# Shared by the benchmarks: a PostgreSQL to measure against, psql over the same path as dbmig, timing helpers,
# and a benchmark project. Source it from bench/*.sh after `cd` to the repository root.
work=target/bench
project=$work/project
mkdir -p "$work"

# Starts a container (DBMIG_BENCH_IMAGE, else dbmig-it/postgres:15 when present, else postgres:17),
# or uses an existing server when PGHOST is set. Sets host, port, user, password, image.
start_server() {
  if [ -n "${PGHOST:-}" ]; then
    image="existing server $PGHOST:${PGPORT:-5432}"
    host=$PGHOST; port=${PGPORT:-5432}; user=${PGUSER:-$USER}; password=${PGPASSWORD:-}
    return
  fi
  image=${DBMIG_BENCH_IMAGE:-$(docker image inspect dbmig-it/postgres:15 >/dev/null 2>&1 && echo dbmig-it/postgres:15 || echo postgres:17)}
  password=bench-$RANDOM$RANDOM
  echo "bench: starting $image" >&2
  container=$(docker run -d --rm -e POSTGRES_USER=bench -e POSTGRES_PASSWORD="$password" -e POSTGRES_DB=bench -p 127.0.0.1::5432 "$image")
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

# Writes $project/pom.xml declaring one database 'bench' whose name comes from -Dbench.db
write_pom() {
  local version
  version=$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' pom.xml | head -1)
  rm -rf "$project"; mkdir -p "$project/migrations"
  cat > "$project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.dbmig</groupId><artifactId>dbmig-maven-plugin</artifactId><version>$version</version>
    <configuration><databases><database>
      <id>bench</id><url>jdbc:postgresql://$host:$port/\${bench.db}</url><username>$user</username>
    </database></databases></configuration>
  </plugin></plugins></build>
</project>
POM
}

ms() { local s e; s=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mvn_() { PGPASSWORD="$password" mvn -o -B -f "$project/pom.xml" "$@"; }
# Drops and creates a database, then checkpoints, so each measurement starts from the same server state
fresh() { psql_ -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" -c "CHECKPOINT"; }
