#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly CLI's recommended rules (0 errors, 0 warnings expected), as the test suite
# does (tests/EPI.Collab.Tests/Infrastructure/OpenApiLintTests.cs).
# Usage: ./ops/lint-openapi.sh [URL or file]   (default: the running service, http://127.0.0.1:${EPI_PORT:-5180}/openapi/v1.json)
# Redocly CLI is a devDependency of src/EPI.Collab.Web, installed by ./ops/web.sh.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
source="${1:-http://127.0.0.1:${EPI_PORT:-5180}/openapi/v1.json}"

"$REPO_ROOT/ops/web.sh" >/dev/null
if [[ -f $source ]]; then
  file="$(cd "$(dirname "$source")" && pwd -P)/$(basename "$source")"
else
  file="$(mktemp --suffix=.json)"
  trap 'rm -f "$file"' EXIT
  curl -sSf "$source" -o "$file"
fi
cd "$REPO_ROOT/src/EPI.Collab.Web"
set +e
out="$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  npx --no-install redocly lint --extends=recommended --max-problems 1000 "$file" 2>&1)"
rc=$?
set -e
printf '%s\n' "$out"
# Redocly exits 0 with warnings; the contract allows none.
if ((rc == 0)) && grep -qE 'You have [0-9]+ warnings?' <<<"$out"; then rc=1; fi
exit "$rc"
