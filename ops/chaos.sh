#!/usr/bin/env bash
# The full reliability drills (issue #8): ./ops/chaos.sh [crash|scaleout|all] [--kills N] [--pg-restarts N] [--workers N]
# Builds the service and the drill harness (src/EPI.Collab.Chaos) in Release, then runs:
#   crash     a ballot storm against one service process while it is kill -9'd (default 20 times) and PostgreSQL is
#             restarted (default 5 times, alternately fast stop and kill -9 of the postmaster); then checks that every
#             acknowledged ballot is stored exactly once, projections equal a recount, subscriptions reached the head,
#             the feed has no gaps and the hash chain verifies;
#   scaleout  two service nodes behind a YARP proxy, one PostgreSQL, Debian's redis-server as SignalR backplane, the
#             async daemon hot/cold: cross-node pushes, then node A is killed during a storm.
# Each drill starts its own PostgreSQL cluster (ops/pg.sh) and its own processes, and removes them at the end.
# Writes the figures to ops/chaos/README.md (with `all`, the default) and raw logs to ops/chaos/out/ (git-ignored).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
log() { printf 'chaos.sh: %s\n' "$*" >&2; }

if ! command -v redis-server >/dev/null 2>&1; then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  log "installing Debian's redis-server (SignalR backplane)"
  "${sudo[@]}" apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server >&2
fi

mode="${1:-all}"
[[ $# -eq 0 ]] || shift
out="$REPO_ROOT/ops/chaos/out"
rm -rf "$out"
mkdir -p "$out"

log "building (Release)"
dotnet build src/EPI.Collab.Api -c Release -v q -nologo >&2
dotnet build src/EPI.Collab.Chaos -c Release -v q -nologo >&2

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$(date -u +%s)
set +e
dotnet src/EPI.Collab.Chaos/bin/Release/net10.0/EPI.Collab.Chaos.dll "$mode" --out "$out" "$@" | tee "$out/console.txt"
rc=${PIPESTATUS[0]}
set -e
seconds=$(($(date -u +%s) - started))

if [[ $mode == all && -f $out/report.md ]]; then
  {
    sed -n '1,/^<!-- figures -->$/p' ops/chaos/README.md
    echo
    echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
      "load average before the run $load_before, ${seconds} s in all (\`./ops/chaos.sh $mode${*:+ $*}\`)."
    echo
    cat "$out/report.md"
  } >"$out/README.new"
  mv "$out/README.new" ops/chaos/README.md
  log "figures written to ops/chaos/README.md"
fi
exit "$rc"
