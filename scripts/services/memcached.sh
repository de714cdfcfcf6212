#!/usr/bin/env bash
# Installs the memcached binary from Debian's package. Idempotent.
#
# Nothing is started here: the session-memcached tests start their own memcached processes on free
# loopback ports (-l 127.0.0.1 -p PORT -U 0), one set per test JVM, and kill them at the end.
# Debian's package may also start its own service on 127.0.0.1:11211; the tests never use it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_packages memcached
command -v memcached >/dev/null || die "memcached is not on the PATH after installing Debian's package 'memcached'"
log "memcached: $(memcached -V)"
