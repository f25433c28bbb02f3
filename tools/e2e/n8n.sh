#!/usr/bin/env bash
# Run the cached real n8n CLI (see install-n8n.sh) with Node 24 and offline settings.
#
#   N8N_USER_FOLDER=/tmp/some-dir tools/e2e/n8n.sh execute --id wf1 --rawOutput
#   tools/e2e/n8n.sh --user-folder /tmp/some-dir import:workflow --input=wf.json
#
# n8n keeps its state in <user folder>/.n8n (sqlite database, config, community nodes in
# .n8n/nodes). One user folder per test; never share one between concurrent processes.
#
# Env (all optional; the offline defaults below are applied only when not already set):
#   N8N_E2E_CACHE            cache folder of install-n8n.sh (default $HOME/.cache/n8n-hubspot-e2e)
#   N8N_USER_FOLDER          state folder (required, or --user-folder as first argument)
#   N8N_RUNNERS_BROKER_PORT  task-runner broker port; a free port is picked when unset
#   N8N_E2E_LOG_NET=1        log every outgoing non-loopback connection attempt to stderr
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-hubspot-e2e}"
NODE24="$CACHE/node/bin/node"
N8N_BIN="$CACHE/n8n/node_modules/n8n/bin/n8n"

if [[ "${1:-}" == "--user-folder" ]]; then
  export N8N_USER_FOLDER="$2"
  shift 2
fi
if [[ -z "${N8N_USER_FOLDER:-}" ]]; then
  echo "n8n.sh: set N8N_USER_FOLDER (or pass --user-folder DIR first)" >&2
  exit 2
fi
if [[ ! -x "$NODE24" || ! -f "$N8N_BIN" ]]; then
  echo "n8n.sh: n8n is not installed in $CACHE; run tools/e2e/install-n8n.sh" >&2
  exit 2
fi
mkdir -p "$N8N_USER_FOLDER"

# Node 24 first on PATH: n8n spawns the task runner (and npm for community packages) through it.
export PATH="$CACHE/node/bin:$PATH"

d() { if [[ -z "${!1:-}" ]]; then export "$1=$2"; fi; }
# --- state and secrets --------------------------------------------------------------------
d N8N_ENCRYPTION_KEY "n8n-hubspot-e2e-fixed-encryption-key"
d N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS false
d DB_TYPE sqlite
# --- no phoning home ----------------------------------------------------------------------
d N8N_DIAGNOSTICS_ENABLED false
d N8N_VERSION_NOTIFICATIONS_ENABLED false
d N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED false
d N8N_TEMPLATES_ENABLED false
d N8N_PERSONALIZATION_ENABLED false
d N8N_HIRING_BANNER_ENABLED false
d N8N_DYNAMIC_BANNERS_ENABLED false
d N8N_LICENSE_AUTO_RENEW_ENABLED false
d N8N_AI_ENABLED false
d N8N_SENTRY_DSN ""
d N8N_FRONTEND_SENTRY_DSN ""
d EXTERNAL_FRONTEND_HOOKS_URLS ""
d N8N_VERIFIED_PACKAGES_ENABLED false
d N8N_REINSTALL_MISSING_PACKAGES false
d N8N_COMMUNITY_PACKAGES_ENABLED true
# --- quiet, deterministic CLI -------------------------------------------------------------
d N8N_LOG_LEVEL info
d N8N_LOG_OUTPUT console
d N8N_RUNNERS_MODE internal
d NODE_ENV production
d GENERIC_TIMEZONE UTC
d TZ UTC
if [[ -z "${N8N_RUNNERS_BROKER_PORT:-}" ]]; then
  N8N_RUNNERS_BROKER_PORT="$("$NODE24" -e '
    const s = require("net").createServer().listen(0, "127.0.0.1", () => {
      process.stdout.write(String(s.address().port)); s.close(); });')"
  export N8N_RUNNERS_BROKER_PORT
fi

NODE_ARGS=()
if [[ "${N8N_E2E_LOG_NET:-}" == "1" ]]; then
  NODE_ARGS+=(--require "$HERE/netlog.cjs")
fi

exec "$NODE24" "${NODE_ARGS[@]}" "$N8N_BIN" "$@"
