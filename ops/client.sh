#!/usr/bin/env bash
# Regenerate the typed client of the public API: ./ops/client.sh
# src/EPI.Collab.Client/Generated/Contract.g.cs comes from the OpenAPI document the service serves (GET /openapi/v1.json),
# written by tests/EPI.Collab.Tests/Client/ClientGenerator.cs. The suite (ClientCodeTests, integration lane) fails when
# the committed file differs from what the current API generates. Run this after changing a request, an answer or an
# endpoint, then build: every consumer that used what changed fails to compile there. Commit the file.
# It runs ClientCodeTests with EPI_CLIENT_WRITE=1 (the test host serves the document; ./ops/test.sh starts a throwaway
# PostgreSQL for it), so the file is written by exactly the code the test compares with.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
EPI_CLIENT_WRITE=1 ./ops/test.sh integration --filter "FullyQualifiedName~ClientCodeTests" >&2
printf 'client.sh: wrote src/EPI.Collab.Client/Generated/Contract.g.cs; build, then commit it\n' >&2
git status --short src/EPI.Collab.Client/Generated
