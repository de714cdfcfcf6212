#!/usr/bin/env bash
# A/B of one request between two checkouts of session4j, interleaved in one run, so that a change
# can be compared with its base as ratios inside one run (DESIGN.md section 8), in a few minutes:
#
#   git worktree add /tmp/base <base-commit>
#   bash scripts/bench-ab.sh /tmp/base . 3
#
# Each tree's benchmarks module is built when it has no benchmarks/target/classpath.txt. Per round and
# tree, every target runs RequestBenchmark.modify at 1 KB on one thread in a JVM of its own, pinned as
# scripts/bench.sh pins it (the JVM and redis-server on CPU 1, the JIT threads on CPU 0), warmed
# 10 x 1 s and measured 4 x 1 s. Prints one line per tree, round and target.
# Settings (environment): TARGETS (default: raw-redis session4j-redis raw-jdbc session4j-jdbc);
# NOSYNC=1 sets the PostgreSQL database to synchronous_commit = off.
set -euo pipefail
OLD=$(cd "$1" && pwd) NEW=$(cd "$2" && pwd) ROUNDS=${3:-2}
source "$(dirname "$0")/services/lib.sh"
for tree in "$OLD" "$NEW"; do
  [ -s "$tree/benchmarks/target/classpath.txt" ] \
    || (cd "$tree" && mvn -B -q --no-transfer-progress -pl benchmarks -am package -DskipTests)
done
RUN=$(mktemp -d /tmp/ab.XXXXXX); PG_DB="session4j_ab_$$"
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
REDIS_PORT=$(free_port)
taskset -c 1 redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$RUN" --daemonize no >/dev/null &
RPID=$!
trap 'kill $RPID; psql_admin "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null; rm -rf $RUN' EXIT
wait_for_port 127.0.0.1 "$REDIS_PORT" 10
psql_admin "CREATE DATABASE $PG_DB" >/dev/null
[ -n "${NOSYNC:-}" ] && psql_admin "ALTER DATABASE $PG_DB SET synchronous_commit = off" >/dev/null
mkdir -p "$RUN/files"
# as scripts/bench.sh: the measured JVM on CPU 1 with the servers, its JIT compiler threads on CPU 0
pin_compilers() {
  local root=$1 task; local -A pinned=()
  while kill -0 "$root" 2>/dev/null; do
    for task in /proc/"$root"/task/*; do
      [ -n "${pinned[$task]:-}" ] && continue
      case $(cat "$task/comm" 2>/dev/null) in
        "C1 CompilerThre"* | "C2 CompilerThre"*) taskset -p -c 0 "${task##*/}" >/dev/null 2>&1 && pinned[$task]=1 ;;
      esac
    done
    sleep 0.2
  done
}
for round in $(seq "$ROUNDS"); do
  for tree in "$OLD" "$NEW"; do
    CP="$tree/benchmarks/target/classes:$(cat "$tree/benchmarks/target/classpath.txt")"
    for target in ${TARGETS:-raw-redis session4j-redis raw-jdbc session4j-jdbc}; do
      out="$RUN/$(basename "$tree")-$target-$round.json"
      taskset -c 1 java -XX:-UseDynamicNumberOfCompilerThreads -Dbench.redis.port="$REDIS_PORT" -Dbench.memcached.port=1 \
        -Dbench.pg.database="$PG_DB" -Dbench.fs.dir="$RUN/files" -cp "$CP" org.openjdk.jmh.Main 'RequestBenchmark.modify' \
        -t 1 -f 0 -wi 10 -w 1s -i 4 -r 1s -foe true -p target="$target" -p size=1024 -rf json -rff "$out" >/dev/null 2>&1 &
      pid=$!; pin_compilers "$pid" & pinner=$!
      wait "$pid" || { echo "FAILED $tree $target"; kill $pinner 2>/dev/null; continue; }
      kill $pinner 2>/dev/null || true; wait $pinner 2>/dev/null || true
      score=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"]))' "$out")
      printf '%s\tround %s\t%s\t%s ops/s\n' "$(basename "$tree")" "$round" "$target" "$score"
    done
  done
done
