#!/usr/bin/env bash
# Redis for session-redis: installs the binaries only. The tests start their own redis-server
# processes (a standalone server, a 3-master cluster, and a Sentinel group via `redis-server
# --sentinel`) on free loopback ports, in temp dirs, and kill them at the end; they never use a
# server on 6379. openssl makes the certificates of the TLS test. Idempotent: a machine that has the packages is left alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_packages redis-server redis-tools openssl

version=$(redis-server --version | sed -n 's/.*v=\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
read -r major minor <<<"$version"
if [ -z "${major:-}" ] || [ "$major" -lt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -lt 2 ]; }; then
  die "redis-server $(redis-server --version) is too old: session-redis needs Redis 6.2 or newer (GETEX)"
fi
log "redis-server ${major}.${minor} and redis-cli are installed; the tests start their own servers"
