#!/usr/bin/env bash
# README "run" command: ./ops/run.sh [extra args for the service]
# Starts the local PostgreSQL (ops/pg.sh) and runs the API against it.
# Env: EPI_PORT (default 5180); ConnectionStrings__Marten to use another server.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

if [[ -n ${ConnectionStrings__Marten:-} ]]; then
  echo "run.sh: using ConnectionStrings__Marten from the environment" >&2
else
  conn="$("$REPO_ROOT/ops/pg.sh" start | tail -n 1)"
  [[ -n $conn ]] || { echo "run.sh: ops/pg.sh start printed no connection string" >&2; exit 1; }
  export ConnectionStrings__Marten="$conn"
  echo "run.sh: PostgreSQL keeps running after the service exits; stop it with: ./ops/pg.sh stop" >&2
fi

# Development: the schema is applied at start-up, the seven cities are registered (idempotent),
# and the demo accounts of appsettings.Development.json can log in.
# Seed__Demo=true plays the demo stories of Cluj-Napoca, Ravenna and Linköping through the API once the
# service listens (a city that already has a review is skipped); set Seed__Demo=false to start empty.
# The web client (wwwroot) needs the SignalR browser client from npm.
"$REPO_ROOT/ops/web.sh"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Seed__Demo="${Seed__Demo:-true}"

exec dotnet run --project src/EPI.Collab.Api -c Release -- \
  --urls "http://127.0.0.1:${EPI_PORT:-5180}" "$@"
