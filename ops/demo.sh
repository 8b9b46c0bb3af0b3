#!/usr/bin/env bash
# Demo walkthrough: a facilitator opens a workshop, three phones join, propose and vote, and the projector's
# SignalR connection receives the live result. Uses a running service at EPI_URL, or starts one with ./ops/run.sh.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
URL="${EPI_URL:-http://127.0.0.1:${EPI_PORT:-5180}}"

started=""
cleanup() { [[ -z $started ]] || kill -- "-$started" 2>/dev/null || true; }
trap cleanup EXIT

if ! curl -sf "$URL/health/ready" >/dev/null 2>&1; then
  echo "demo.sh: starting the service at $URL (log: .local/demo-service.log)" >&2
  mkdir -p .local
  setsid ./ops/run.sh >.local/demo-service.log 2>&1 &
  started=$!
  for _ in $(seq 1 120); do
    curl -sf "$URL/health/ready" >/dev/null 2>&1 && break
    kill -0 "$started" 2>/dev/null || { echo "demo.sh: the service did not start; see .local/demo-service.log" >&2; exit 1; }
    sleep 1
  done
fi

dotnet run --project src/EPI.Collab.Demo -c Release -- "$URL"
