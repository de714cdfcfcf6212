#!/usr/bin/env bash
# session4j-dynamodb beside raw-dynamodb (the SDK's GetItem, and GetItem + PutItem) on one dynalite,
# reached directly (no counting relay), the benchmark JVM and dynalite pinned to CPU ${BENCH_CPUS:-1}
# as scripts/bench.sh pins. Needs `bash scripts/services/dynalite.sh` and a built benchmarks module
# (mvn -B -pl benchmarks -am package -DskipTests). The figures are dynalite's, not Amazon DynamoDB's.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${DYNALITE_PORT:-45677}
CPUS=${BENCH_CPUS:-1}
mkdir -p benchmarks/target
taskset -c "$CPUS" dynalite --host 127.0.0.1 --port "$PORT" > benchmarks/target/bench-dynalite.log 2>&1 &
DPID=$!
trap 'kill $DPID' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
echo "load before: $(cat /proc/loadavg)"
taskset -c "$CPUS" java -Dbench.dynalite.endpoint=http://127.0.0.1:"$PORT" \
  -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) org.openjdk.jmh.Main RequestBenchmark \
  -p target=session4j-dynamodb,raw-dynamodb -p size=1024,10240 -t 1 -f 1 -wi 3 -w 2s -i 5 -r 2s ${BENCH_ARGS:-} \
  -rf json -rff benchmarks/target/dynamodb-jmh.json
echo "load after: $(cat /proc/loadavg)"
