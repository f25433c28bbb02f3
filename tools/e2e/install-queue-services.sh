#!/usr/bin/env bash
# Make sure Debian's Redis and PostgreSQL server binaries are present for the queue-mode e2e run
# (e2e/queueMode.e2e.ts starts its own throwaway instances; no system service is used).
# Installs them with apt-get when missing (CI runs as root on Debian). Idempotent.
set -euo pipefail

log() { printf '[install-queue-services] %s\n' "$*" >&2; }

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_redis() { command -v redis-server >/dev/null; }

missing=()
have_redis || missing+=(redis-server)
have_postgres || missing+=(postgresql)
if ((${#missing[@]} == 0)); then
  log "redis-server and postgresql present"
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  log "missing: ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root"
  exit 1
fi
START=$(date +%s)
log "apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The packages' own services are not wanted: the test starts private instances.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq >&2 || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
log "installed in $(( $(date +%s) - START )) s"
