#!/usr/bin/env bash
# Regenerate the committed Wolverine code: ./ops/codegen.sh
# Production loads the HTTP endpoint types from src/EPI.Collab.Api/Internal/Generated (TypeLoadMode.Static) and refuses
# to start when one is missing; the suite (GeneratedCodeTests, integration lane) fails when the committed files differ
# from what the current endpoints generate. Run this after adding or changing an endpoint (its parameters, attributes,
# return types or middleware), then commit Internal/Generated.
# It builds the API once without the committed generated code (a stale file that no longer compiles cannot block it),
# runs `codegen write` in Production mode (no database is contacted), and builds again with the new code.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
log() { printf 'codegen.sh: %s\n' "$*" >&2; }

api=src/EPI.Collab.Api
generated="$api/Internal/Generated"

log "building $api without the committed generated code"
dotnet build "$api" -c Release -nologo -v q -p:EpiWithoutGeneratedCode=true >&2
rm -rf "$generated"
log "writing $generated"
(
  cd "$api"
  # codegen needs configuration, not a database: the connection string is never opened.
  ASPNETCORE_ENVIRONMENT=Production Auth__SigningKey=codegen-signing-key-never-used-0123456789 \
    ConnectionStrings__Marten="Host=127.0.0.1;Port=1;Database=codegen;Username=codegen" \
    dotnet bin/Release/net10.0/EPI.Collab.Api.dll codegen write >/dev/null
)
log "building $api with the new generated code"
dotnet build "$api" -c Release -nologo -v q >&2
log "$(find "$generated" -name '*.cs' | wc -l) files in $generated; commit them: git add $generated"
