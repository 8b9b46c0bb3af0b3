#!/usr/bin/env bash
# Load and performance run (issue #7): ./ops/perf.sh [scenarios] [driver options]
#   scenarios: all (default) or a comma list of baselines,s1,s2,s3,s4,s5
#   ./ops/perf.sh startup [runs]: start-up to ready in Production mode (ops/perf/startup.sh; not part of all)
#   driver options: --phones N --sequential N --rate R --seconds S --idle-phones N --events N --stream-events N ...
# Starts a PostgreSQL of its own (.local/perf-pg, port 54349, fsync off like the tests; EPI_PERF_FSYNC=on for on), builds Release, starts the service on
# 127.0.0.1:5190 (Development accounts, no demo seed), runs the driver and writes the report to
# ops/perf/runs/<UTC timestamp>/ (report.md, results.json, *.svg, service.log). Everything it started is stopped on exit.
# Env: EPI_PERF_PORT (service port), EPI_PERF_OUT (report folder), EPI_PERF_KEEP_PG=1 (leave PostgreSQL running),
#   EPI_PERF_SERVICE_ENV="NAME=value ..." (extra environment for the service only, e.g. a runtime setting to compare),
#   EPI_PERF_PROFILE=1: PostgreSQL with pg_stat_statements (top statements of the run in pg-statements.txt) and a
#   dotnet-trace CPU sample of the service for the whole run (service.nettrace, top methods in cpu-top.txt; needs the
#   dotnet-trace global tool: dotnet tool install -g dotnet-trace).
#   EPI_PERF_PROFILE=perf: Linux perf CPU samples of the service during the S1 storms only (the driver switches the
#   recording on and off through perf's control fifo); the service runs JIT-only with a perf map so managed frames have
#   names. perf-categories.txt (the samples sorted into the ballot path's stages by ops/perf/perfcat.rules) and
#   perf-top.txt (self time by function) in the report folder. Needs perf (linux-perf) and python3.
#   EPI_PERF_PROFILE=counters: the runtime's counters of the service every second (dotnet-counters: allocation, collections
#   per generation, GC pause time, CPU), per second and in total in counters.txt. Needs the dotnet-counters global tool.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
log() { printf 'perf.sh: %s\n' "$*" >&2; }
[[ ${1:-} != startup ]] || { shift; exec "$REPO_ROOT/ops/perf/startup.sh" "$@"; }

scenarios="${1:-all}"
[[ $# -gt 0 ]] && shift
out="${EPI_PERF_OUT:-$REPO_ROOT/ops/perf/runs/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
port="${EPI_PERF_PORT:-5190}"

# 10,000 WebSockets on loopback: one descriptor per socket on each side, plus the HTTP pool.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
log "open files limit $(ulimit -n); ephemeral ports $(tr '\t' '-' </proc/sys/net/ipv4/ip_local_port_range)"

if [[ -z ${ConnectionStrings__Marten:-} ]]; then
  [[ ${EPI_PERF_PROFILE:-0} != 1 ]] || export EPI_PG_PRELOAD=pg_stat_statements
  export EPI_PG_DIR="${EPI_PG_DIR:-$REPO_ROOT/.local/perf-pg}" EPI_PG_PORT="${EPI_PG_PORT:-54349}" EPI_PG_DB=epi_perf EPI_PG_FSYNC="${EPI_PERF_FSYNC:-off}"
  conn="$(./ops/pg.sh start | tail -n 1)"
  [[ -n $conn ]] || { log "could not start PostgreSQL"; exit 1; }
  # A fresh service database for every run; the replay scenarios use a database of their own (epi_perf_replay).
  psql_bin="$(dirname "$(find /usr/lib/postgresql -name psql -path '*/bin/*' | sort -V | tail -n1)")"
  "$psql_bin/psql" -X -q -h 127.0.0.1 -p "$EPI_PG_PORT" -U postgres -d postgres \
    -c "drop database if exists epi_perf with (force)" -c "create database epi_perf"
  if [[ ${EPI_PERF_PROFILE:-0} == 1 ]]; then
    "$psql_bin/psql" -X -q -h 127.0.0.1 -p "$EPI_PG_PORT" -U postgres -d epi_perf -c "create extension if not exists pg_stat_statements"
    profile_psql=("$psql_bin/psql" -X -h 127.0.0.1 -p "$EPI_PG_PORT" -U postgres -d epi_perf)
  fi
  export ConnectionStrings__Marten="$conn"
  [[ ${EPI_PERF_KEEP_PG:-0} == 1 ]] || stop_pg=1
fi
log "PostgreSQL: $ConnectionStrings__Marten"

SERVICE_PID=""
# shellcheck disable=SC2317  # called via trap
cleanup() {
  local rc=$?
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" && wait "$SERVICE_PID" 2>/dev/null || true
  fi
  [[ -z ${stop_pg:-} ]] || env -u ConnectionStrings__Marten ./ops/pg.sh stop || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dotnet build src/EPI.Collab.Load -c Release -nologo -v q >&2
if [[ ${EPI_PERF_PROFILE:-0} == perf ]]; then
  # Every method jitted (no ReadyToRun images, whose frames perf cannot name), listed in /tmp/perf-<pid>.map and run
  # from that address (no write-xor-execute double mapping).
  # EPI_PERF_R2R=1 keeps the ReadyToRun images (as shipped): their frames stay unnamed, the threads (JIT, GC) still count.
  export DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun="${EPI_PERF_R2R:-0}" DOTNET_EnableWriteXorExecute=0
fi
# One driver process on loopback plays thousands of phones: the per-address rate limits would refuse it.
# Codegen__Static: the committed generated code, as in Production (no Roslyn compiling an endpoint during a storm).
# shellcheck disable=SC2086  # word splitting intended
ASPNETCORE_ENVIRONMENT=Development Codegen__Static=true Seed__Demo=false RateLimits__Enabled=false Logging__LogLevel__Default=Warning \
  env ${EPI_PERF_SERVICE_ENV:-} dotnet src/EPI.Collab.Api/bin/Release/net10.0/EPI.Collab.Api.dll --contentRoot "$REPO_ROOT/src/EPI.Collab.Api" --urls "http://127.0.0.1:$port" >"$out/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service exited; see $out/service.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { log "the service did not become ready"; exit 1; }
log "service pid $SERVICE_PID on http://127.0.0.1:$port; report folder $out"
if [[ ${EPI_PERF_PROFILE:-0} == 1 ]]; then
  "${profile_psql[@]}" -q -c "select pg_stat_statements_reset()" >/dev/null
  # Thread-time samples of the service (~100 Hz per thread, waiting threads included: read the inclusive share of our
  # own methods). A background job ignores SIGINT; dotnet-trace finishes the file on SIGTERM.
  "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "$SERVICE_PID" --profile dotnet-sampled-thread-time \
    -o "$out/service.nettrace" >"$out/trace.log" 2>&1 &
  TRACE_PID=$!
elif [[ ${EPI_PERF_PROFILE:-0} == perf ]]; then
  rm -f "$out/perf.ctl" && mkfifo "$out/perf.ctl"
  # -D -1: recording starts switched off; the driver writes enable/disable to the fifo around each storm.
  perf record -F 499 -g -D -1 --control "fifo:$out/perf.ctl" -p "$SERVICE_PID" -o "$out/perf.data" >"$out/perf.log" 2>&1 &
  PERF_PID=$!
  # Wait until perf holds the fifo (it says "Events disabled" once attached): a driver writing to a fifo nobody reads
  # would block at its first storm, so a perf that failed to start stops the run here instead.
  for _ in $(seq 1 100); do
    grep -q "Events disabled" "$out/perf.log" 2>/dev/null && break
    kill -0 "$PERF_PID" 2>/dev/null || { log "perf record did not start; see $out/perf.log"; exit 1; }
    sleep 0.1
  done
  grep -q "Events disabled" "$out/perf.log" || { log "perf record did not attach within 10 s; see $out/perf.log"; exit 1; }
  export EPI_LOAD_PERF_CTL="$out/perf.ctl"
elif [[ ${EPI_PERF_PROFILE:-0} == counters ]]; then
  # The runtime's counters every second (allocation, collections per generation, GC pause time, CPU), summarised per
  # second of the run in counters.txt (ops/perf/counters.py). Needs the dotnet-counters global tool.
  "${DOTNET_COUNTERS:-$HOME/.dotnet/tools/dotnet-counters}" collect -p "$SERVICE_PID" --format csv -o "$out/counters.csv" \
    --refresh-interval 1 --counters System.Runtime >"$out/counters.log" 2>&1 &
fi

set +e
dotnet src/EPI.Collab.Load/bin/Release/net10.0/EPI.Collab.Load.dll "$scenarios" --url "http://127.0.0.1:$port" \
  --pg "$ConnectionStrings__Marten" --out "$out" "$@" 2>&1 | tee "$out/driver.log"
rc=${PIPESTATUS[0]}
set -e
log "driver exited with $rc; report: $out/report.md"
if [[ ${EPI_PERF_PROFILE:-0} == 1 ]]; then
  kill -TERM "$TRACE_PID" 2>/dev/null; wait "$TRACE_PID" 2>/dev/null || true
  "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" report "$out/service.nettrace" topN -n 60 >"$out/cpu-top.txt" 2>&1 || true
  "${profile_psql[@]}" -c "select calls, round(total_exec_time::numeric, 1) as total_ms, round(mean_exec_time::numeric, 3) as mean_ms,
      rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) as query
    from pg_stat_statements order by total_exec_time desc limit 30" >"$out/pg-statements.txt" 2>&1 || true
  log "profile: $out/pg-statements.txt, $out/service.nettrace, $out/cpu-top.txt"
elif [[ ${EPI_PERF_PROFILE:-0} == counters ]]; then
  kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true # dotnet-counters ends with the process
  sleep 1
  python3 "$REPO_ROOT/ops/perf/counters.py" "$out/counters.csv" >"$out/counters.txt" 2>&1 || true
  log "counters: $out/counters.txt"
elif [[ ${EPI_PERF_PROFILE:-0} == perf ]]; then
  kill -INT "$PERF_PID" 2>/dev/null; wait "$PERF_PID" 2>/dev/null || true
  perf report -i "$out/perf.data" --no-children --sort dso,sym --percent-limit 0.3 --stdio -g none >"$out/perf-top.txt" 2>/dev/null || true
  # perf cannot name the jitted frames itself (it reads the map once); perfcat.py resolves them and sorts the samples into
  # the ballot path's stages (ops/perf/perfcat.rules).
  perf script -i "$out/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null >"$out/perf-stacks.txt" || true
  python3 "$REPO_ROOT/ops/perf/perfcat.py" "$out/perf-stacks.txt" "/tmp/perf-$SERVICE_PID.map" "$REPO_ROOT/ops/perf/perfcat.rules" \
    >"$out/perf-categories.txt" 2>&1 || true
  log "profile: $out/perf-categories.txt, $out/perf-top.txt, $out/perf.data (drill down: ops/perf/perfcat.py … --drill REGEX)"
fi
exit "$rc"
