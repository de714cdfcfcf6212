#!/usr/bin/env bash
# The metrics overhead run (issue #21): MetricsOverheadBenchmark, session4j-redis modifying a 1 KB
# session with and without session-micrometer's SessionMetrics on a SimpleMeterRegistry, the two
# side by side in one JMH group. Pinned as scripts/bench.sh pins: its own redis-server and the
# benchmark JVM on CPU 1, the JVM's JIT compiler threads moved to CPU 0. Three rounds, one JVM
# each; JMH's JSON goes to benchmarks/target/metrics-overhead/.
# Build first: mvn -B -q -o -pl benchmarks -am verify -DskipTests   (writes target/classpath.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
DIR=$(mktemp -d)
OUT=benchmarks/target/metrics-overhead
mkdir -p "$OUT"
taskset -c 1 redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" --logfile "$DIR/redis.log" &
REDIS=$!
trap 'kill $REDIS; rm -rf "$DIR"' EXIT
sleep 1
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
for round in 1 2 3; do
  taskset -c 1 java -XX:-UseDynamicNumberOfCompilerThreads -Dbench.redis.port="$PORT" -cp "$CP" org.openjdk.jmh.Main \
    'MetricsOverheadBenchmark' -f 0 -wi 10 -w 1s -i 8 -r 1s -foe true -p size=1024 \
    -rf json -rff "$OUT/metrics-round$round.json" &
  pid=$!
  pin_compilers "$pid" &
  wait "$pid"
done
