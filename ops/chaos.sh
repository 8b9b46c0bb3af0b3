#!/usr/bin/env bash
# The full reliability drills (issue #8): ./ops/chaos.sh [crash|scaleout|security|all] [--kills N] [--pg-restarts N] [--workers N]
# Builds the service and the drill harness (src/EPI.Collab.Chaos) in Release, then runs:
#   crash     a ballot storm against one service process while it is kill -9'd (default 20 times) and PostgreSQL is
#             restarted (default 5 times, alternately fast stop and kill -9 of the postmaster); then checks that every
#             acknowledged ballot is stored exactly once, projections equal a recount, subscriptions reached the head,
#             the feed has no gaps and the hash chain verifies;
#   scaleout  two service nodes behind a YARP proxy, one PostgreSQL, Debian's redis-server as SignalR backplane, the
#             async daemon hot/cold: cross-node pushes, then node A is killed during a storm;
#   security  the authorization matrix, the contract fuzzer (every case derived from the served OpenAPI document plus
#             EPI_CONTRACT_EXTRA, default 8000, two-field cases), fuzzing with EPI_FUZZ_ITERATIONS (default 5000) generated bodies, the race tests
#             and the rate limits, through ./ops/test.sh (its own throwaway PostgreSQL); figures to ops/chaos/security.md.
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
rc=0
if [[ $mode != security ]]; then
  set +e
  dotnet src/EPI.Collab.Chaos/bin/Release/net10.0/EPI.Collab.Chaos.dll "$mode" --out "$out" "$@" | tee "$out/console.txt"
  rc=${PIPESTATUS[0]}
  set -e
fi

# Races, bad input and the authorization matrix: the same tests as in ./ops/test.sh, with more generated input.
if [[ $mode == all || $mode == security ]]; then
  log "security: matrix, contract fuzzing (+${EPI_CONTRACT_EXTRA:=8000} two-field cases), fuzzing (${EPI_FUZZ_ITERATIONS:=5000} generated bodies), races"
  set +e
  EPI_FUZZ_ITERATIONS=$EPI_FUZZ_ITERATIONS EPI_CONTRACT_EXTRA=$EPI_CONTRACT_EXTRA ./ops/test.sh --filter "FullyQualifiedName~EPI.Collab.Tests.Security|FullyQualifiedName~EPI.Collab.Tests.Contract|FullyQualifiedName~a_hundred_parallel|FullyQualifiedName~fifty_parallel|FullyQualifiedName~BallotVersusCloseTests.ballots_hammered|FullyQualifiedName~two_facilitators_racing" \
    >"$out/security.log" 2>&1
  security_rc=$?
  set -e
  {
    echo "# Races, bad input, the request contract, authorization (issues #8 and #13)"
    echo
    echo "Written by \`./ops/chaos.sh security\` (also part of \`all\`): the same tests as in \`./ops/test.sh\`, with"
    echo "EPI_FUZZ_ITERATIONS=$EPI_FUZZ_ITERATIONS generated bodies instead of 700 and EPI_CONTRACT_EXTRA=$EPI_CONTRACT_EXTRA two-field contract cases"
    echo "on top of every single-field and whole-body case the served OpenAPI document yields. Run of $(date -u '+%Y-%m-%d %H:%M UTC')," \
      "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "Result: $([[ $security_rc -eq 0 ]] && echo passed || echo FAILED)"
    echo
    grep -h '^figure: ' "$out/security.log" | sed 's/^figure: /- /'
    echo "- tests: $(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/security.log" | tail -n 1) (the matrix, the contract fuzzer and door tests, both fuzz tests, rate limits," \
      "100 parallel identical ballots, 50 parallel ballots of one phone, ballots against the close, two facilitators on one strategy version)"
  } >ops/chaos/security.md
  cat ops/chaos/security.md >&2
  [[ $security_rc -eq 0 ]] || rc=1
fi
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
