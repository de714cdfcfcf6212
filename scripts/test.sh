#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine, as root:
#   1. every scripts/services/*.sh installs (from Debian's packages) and starts what the tests need;
#   2. Maven builds and tests every module, independent modules in parallel.
# Idempotent: a second run reuses what the first one installed and started.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/services/lib.sh
need_packages maven openjdk-17-jdk-headless

for service in scripts/services/*.sh; do
  [ "$(basename "$service")" = lib.sh ] && continue
  log "$(basename "$service")"
  bash "$service"
done

# -T 2: the reactor builds independent modules (the backends) side by side on the 2 cores.
exec mvn -B -T 2 --no-transfer-progress verify "$@"
