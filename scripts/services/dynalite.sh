#!/usr/bin/env bash
# dynalite for session-dynamodb: an open-source implementation of the DynamoDB API on LevelDB (npm
# package 'dynalite', pinned). DynamoDB Local is not used: its licence is not open source.
#
# Installs Node.js and npm from Debian's packages when no node/npm is on the PATH, then dynalite
# into $DYNALITE_HOME (default /opt/session4j/dynalite, outside any checkout, so every worktree and
# CI clone shares it) and links its launcher as /usr/local/bin/dynalite. Nothing is started here:
# the tests start their own dynalite processes on free loopback ports, in memory, one per test JVM
# (io.github.session4j.servers.DynaliteServer), and kill them at the end.
#
# Idempotent: a machine with that version installed is left alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DYNALITE_VERSION=4.0.0
DYNALITE_HOME=${DYNALITE_HOME:-/opt/session4j/dynalite}
launcher="$DYNALITE_HOME/node_modules/.bin/dynalite"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  need_packages nodejs npm
fi
command -v node >/dev/null || die "node is not on the PATH after installing Debian's package 'nodejs'"
command -v npm >/dev/null || die "npm is not on the PATH after installing Debian's package 'npm'"

installed() {
  [ -x "$launcher" ] && [ -f "$DYNALITE_HOME/node_modules/dynalite/package.json" ] \
    && node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' \
         "$DYNALITE_HOME/node_modules/dynalite/package.json" "$DYNALITE_VERSION"
}

if ! installed; then
  [ "$(id -u)" -eq 0 ] || [ -w "$(dirname "$DYNALITE_HOME")" ] \
    || die "dynalite $DYNALITE_VERSION is not installed in $DYNALITE_HOME; run this script as root"
  log "installing dynalite $DYNALITE_VERSION into $DYNALITE_HOME"
  mkdir -p "$DYNALITE_HOME"
  # a package.json of its own, so npm never walks up into a project
  [ -f "$DYNALITE_HOME/package.json" ] || printf '{"name":"session4j-dynalite","private":true}\n' >"$DYNALITE_HOME/package.json"
  npm install --prefix "$DYNALITE_HOME" --no-audit --no-fund --loglevel=error --save-exact "dynalite@$DYNALITE_VERSION" >&2
  installed || die "npm did not install dynalite $DYNALITE_VERSION into $DYNALITE_HOME"
fi

if [ "$(id -u)" -eq 0 ] && [ "$(readlink -f /usr/local/bin/dynalite 2>/dev/null)" != "$(readlink -f "$launcher")" ]; then
  ln -sfn "$launcher" /usr/local/bin/dynalite
fi
log "dynalite $DYNALITE_VERSION in $DYNALITE_HOME (node $(node --version)); the tests start their own servers"
