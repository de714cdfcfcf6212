# Shared helpers for scripts/services/*.sh. Sourced, not run.
# Every service script must be idempotent: a second run on a machine where the service is already
# installed and running changes nothing.

log() { printf '[services] %s\n' "$*" >&2; }

die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=${APT_UPDATED:-}

# need_packages PKG... : installs the Debian packages that are not installed yet (one apt-get
# update per run, and only when something is missing).
need_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "packages ${missing[*]} are missing; run this script as root or install them with: apt-get install ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# wait_for_port HOST PORT SECONDS : waits until a TCP port accepts connections.
wait_for_port() {
  local host=$1 port=$2 seconds=$3 i
  for ((i = 0; i < seconds * 10; i++)); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
