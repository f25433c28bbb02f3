#!/usr/bin/env bash
# The oldest n8n this package is tested on (e2e/n8nOldest.e2e.ts), installed by install-n8n.sh
# into its own cache. .ci/run starts it early in the background so it overlaps the other steps;
# the e2e file runs it again, which waits on the install lock and then reuses the cache.
#   Env: N8N_E2E_OLDEST_N8N_VERSION, N8N_E2E_OLDEST_NODE_VERSION, N8N_E2E_OLDEST_NPM_OVERRIDES, N8N_E2E_OLDEST_CACHE
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export N8N_E2E_N8N_VERSION="${N8N_E2E_OLDEST_N8N_VERSION:-1.123.81}"
# n8n 1.x: Node >=20.19 <=24 (engines); 22 is its most used line.
export N8N_E2E_NODE_VERSION="${N8N_E2E_OLDEST_NODE_VERSION:-22.23.5}"
# n8n 1.x's n8n-nodes-base pulls xlsx from cdn.sheetjs.com (not a registry): the registry's xlsx instead.
export N8N_E2E_NPM_OVERRIDES="${N8N_E2E_OLDEST_NPM_OVERRIDES:-{\"xlsx\":\"0.18.5\"}}"
export N8N_E2E_CACHE="${N8N_E2E_OLDEST_CACHE:-$HOME/.cache/n8n-hubspot-e2e-1x}"
exec bash "$HERE/install-n8n.sh" "$@"
