#!/usr/bin/env bash
# README "test" command: ./ops/test.sh [unit|integration|browser|drills] [extra args for dotnet test]
# Without a lane: every test (the CI command). With a lane: that lane only (tests/EPI.Collab.Tests/Lanes.cs):
#   unit         pure decisions, folds and rules; no database, no browser (< 30 s once built)
#   integration  real PostgreSQL, HTTP and SignalR through the test host
#   browser      Playwright with Debian's Chromium
#   drills       kill -9, PostgreSQL restarts and two nodes with the Redis backplane
# Runs against a throwaway PostgreSQL cluster that is destroyed on exit, or against
# ConnectionStrings__Marten when that is already set. System packages (redis-server,
# chromium) are installed only when a lane needs them and they are missing.
# Env: EPI_TEST_PG_PORT (first port to try, default 54339).
set -euo pipefail

lane="all"
case "${1:-}" in
  unit | integration | browser | drills) lane="$1"; shift ;;
esac
case "$lane" in
  unit) filter="Lane=unit" ;;
  integration) filter="Lane!=unit&Lane!=browser&Lane!=drills" ;;
  browser) filter="Lane=browser" ;;
  drills) filter="Lane=drills" ;;
  *) filter="" ;;
esac
needs() { [[ $lane == all ]] || [[ " $* " == *" $lane "* ]]; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
PG_SH="$REPO_ROOT/ops/pg.sh"

log() { printf 'test.sh: %s\n' "$*" >&2; }

port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

free_port() {
  local p="$1"
  while port_in_use "$p"; do
    ((p++))
    ((p <= 65535)) || { log "no free port found"; return 1; }
  done
  echo "$p"
}

# The two-node drill (tests/EPI.Collab.Tests/Reliability) runs Debian's redis-server as the SignalR backplane.
ensure_redis() {
  command -v redis-server >/dev/null 2>&1 && return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      log "redis-server is missing and cannot be installed without root; the two-node drill will fail (apt-get install redis-server)"
      return 0
    fi
  fi
  log "installing Debian's redis-server (SignalR backplane of the two-node drill)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server >&2 ||
    { "${sudo[@]}" apt-get update >&2 &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server >&2; } ||
    log "warning: could not install redis-server; the two-node drill will fail"
}
! needs drills || ensure_redis

TMP_PG=""
# shellcheck disable=SC2317  # called via trap
cleanup() {
  local rc=$?
  if [[ -n $TMP_PG ]]; then
    log "destroying throwaway PostgreSQL in $TMP_PG"
    # pg.sh skips destroy while ConnectionStrings__Marten is set.
    env -u ConnectionStrings__Marten "$PG_SH" destroy || log "warning: destroy failed"
    rm -rf "$TMP_PG"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $lane == unit ]]; then
  log "unit lane: no database, no browser"
elif [[ -n ${ConnectionStrings__Marten:-} ]]; then
  log "using ConnectionStrings__Marten from the environment; starting no database"
else
  TMP_PG="$(mktemp -d "${TMPDIR:-/tmp}/epi-collab-test.XXXXXX")"
  # As root, pg.sh runs the server as an unprivileged user, which must traverse this dir.
  [[ $(id -u) -ne 0 ]] || chmod 711 "$TMP_PG"
  export EPI_PG_DIR="$TMP_PG/pg"
  export EPI_PG_FSYNC=off
  port="${EPI_TEST_PG_PORT:-54339}"
  conn=""
  for _ in 1 2 3; do
    port="$(free_port "$port")"
    export EPI_PG_PORT="$port"
    if conn="$("$PG_SH" start | tail -n 1)" && [[ -n $conn ]]; then
      break
    fi
    log "could not start PostgreSQL on port $port; retrying on another port"
    conn=""
    ((port++))
  done
  [[ -n $conn ]] || { log "could not start a throwaway PostgreSQL"; exit 1; }
  export ConnectionStrings__Marten="$conn"
  log "throwaway PostgreSQL: $conn"
fi

# The web client's end-to-end tests drive Debian's Chromium (no browser download) and need the npm build step.
if needs browser && [[ ! -x /usr/bin/chromium ]]; then
  log "installing Debian's chromium for the browser tests"
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo -n)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
# The web client's assets and the OpenAPI linter (integration) come from the npm build step.
! needs integration browser || "$REPO_ROOT/ops/web.sh"

target=(EPI.Collab.sln)
args=()
if [[ -n $filter ]]; then
  target=(tests/EPI.Collab.Tests/EPI.Collab.Tests.csproj)
  # A --filter of the caller narrows the lane: (lane)&(caller's filter).
  rest=()
  while (($#)); do
    if [[ $1 == --filter && $# -ge 2 ]]; then filter="($filter)&($2)"; shift 2; else rest+=("$1"); shift; fi
  done
  set -- "${rest[@]+"${rest[@]}"}"
  args=(--filter "$filter")
fi

rc=0
out="$(mktemp)"
set +e
dotnet test "${target[@]}" -c Release --logger "console;verbosity=normal" "${args[@]}" "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line for CI, summed over every test project of the run.
count() { awk -v k="$1" '$1 == k":" && $2 ~ /^[0-9]+$/ { n += $2 } END { print n + 0 }' "$out"; }
passed="$(count Passed)"
failed="$(count Failed)"
rm -f "$out"
log "dotnet test exited with $rc"
((rc != 0 || passed > 0)) || { log "no test ran"; rc=1; }
echo "$passed passed, $failed failed"
exit "$rc"
