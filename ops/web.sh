#!/usr/bin/env bash
# Build step of the web client (README): npm ci in src/EPI.Collab.Web, then copy the SignalR browser
# client into src/EPI.Collab.Api/wwwroot/lib. Skips npm when the lock file has not changed since the last run.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
WEB="$REPO_ROOT/src/EPI.Collab.Web"
log() { printf 'web.sh: %s\n' "$*" >&2; }

command -v npm >/dev/null || {
  log "npm is missing; installing Debian's nodejs and npm"
  [[ $(id -u) -eq 0 ]] || { log "run as root or install npm first"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
}
cd "$WEB"
stamp="node_modules/.epi-lock.sha256"
if [[ ! -f $stamp ]] || ! sha256sum --status -c "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund --prefer-offline
  sha256sum package-lock.json > "$stamp"
fi
npm run --silent build
