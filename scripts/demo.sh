#!/usr/bin/env bash
# Builds the demo (and the modules it needs) from a fresh clone and starts it:
#   bash scripts/demo.sh                      # H2 file database under ./data, http://localhost:8080/
#   PORT=9090 SESSION_TYPE=redis SESSION_REDIS=redis://127.0.0.1:6379 bash scripts/demo.sh
# Sign in as ada / ada-lovelace-1815 (or grace / grace-hopper-1906). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v mvn >/dev/null || { echo "Maven is missing: apt-get install maven openjdk-17-jdk-headless" >&2; exit 1; }
mvn -B -q --no-transfer-progress -pl demo -am package -DskipTests
exec java -jar demo/target/session4j-demo.jar
