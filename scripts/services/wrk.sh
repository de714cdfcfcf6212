#!/usr/bin/env bash
# wrk, the HTTP load generator that scripts/bench.sh runs against the demo: Debian's package.
# Idempotent: a machine that has it is left alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_packages wrk
command -v wrk >/dev/null || die "wrk is not on the PATH after installing Debian's package 'wrk'"
log "wrk is installed"
