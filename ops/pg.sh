#!/usr/bin/env bash
# Embedded local PostgreSQL: a private cluster per checkout, bound to 127.0.0.1.
#
# Usage: ops/pg.sh start|stop|status|url|destroy
#
# Environment:
#   EPI_PG_DIR     data directory (default: <repo>/.local/pg)
#   EPI_PG_PORT    TCP port (default: 54329)
#   EPI_PG_DB      database created on start (default: epi_collab)
#   EPI_PG_FSYNC   on|off (default: on; tests use off)
#   EPI_PG_PRELOAD shared_preload_libraries on start (e.g. pg_stat_statements for ./ops/perf.sh profiling; default none)
#   ConnectionStrings__Marten  when set, an external server is used and this
#                  script starts/stops nothing.
#
# Next to the data directory live DIR.log (server log), DIR.sock/ (private
# Unix socket directory) and DIR.lock. When run as root, the server runs as
# the `postgres` user (or a system user `epi-pg`); if that user cannot reach
# the data directory's parent (e.g. a checkout under /root), the data lives in
# /var/tmp/epi-collab-pg/<hash of EPI_PG_DIR>/ and EPI_PG_DIR is a symlink.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PG_PORT="${EPI_PG_PORT:-54329}"
PG_DB="${EPI_PG_DB:-epi_collab}"
PG_FSYNC="${EPI_PG_FSYNC:-on}"
RELOC_ROOT=/var/tmp/epi-collab-pg
FALLBACK_USER=epi-pg

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }
external() { [[ -n ${ConnectionStrings__Marten:-} ]]; }

validate_config() {
  if ! [[ $PG_PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((PG_PORT > 65535)); then
    die "EPI_PG_PORT must be a port number, got '$PG_PORT'"
  fi
  [[ $PG_DB =~ ^[A-Za-z_][A-Za-z0-9_-]*$ ]] ||
    die "EPI_PG_DB must match [A-Za-z_][A-Za-z0-9_-]*, got '$PG_DB'"
  [[ $PG_FSYNC == on || $PG_FSYNC == off ]] ||
    die "EPI_PG_FSYNC must be 'on' or 'off', got '$PG_FSYNC'"
}

# --- paths -------------------------------------------------------------------

# Sets PG_DIR (absolute, parent normalised), DATA (real data dir), RELOCATED,
# LOG, SOCK, LOCK. Creates nothing.
resolve_paths() {
  local dir="${EPI_PG_DIR:-$REPO_ROOT/.local/pg}"
  [[ $dir == /* ]] || dir="$PWD/$dir"
  dir="${dir%/}"
  local parent base
  parent="$(dirname "$dir")"
  base="$(basename "$dir")"
  [[ -d $parent ]] && parent="$(cd "$parent" && pwd -P)"
  PG_DIR="${parent%/}/$base"
  LOCK="$PG_DIR.lock"
  RELOCATED=0
  DATA="$PG_DIR"
  if [[ -L $PG_DIR ]]; then
    DATA="$(readlink "$PG_DIR")"
    [[ $DATA == /* ]] || DATA="$parent/$DATA"
    RELOCATED=1
  fi
  LOG="$DATA.log"
  SOCK="$DATA.sock"
}

reloc_base() {
  local hash
  hash="$(printf '%s' "$PG_DIR" | sha256sum | cut -c1-12)"
  printf '%s/%s\n' "$RELOC_ROOT" "$hash"
}

# Unix socket paths are limited to ~107 bytes; also keep pg_ctl's -o string
# free of shell metacharacters. Fall back to TCP only.
socket_usable() {
  [[ $SOCK =~ ^[A-Za-z0-9_./-]+$ ]] && ((${#SOCK} + 16 < 100))
}

# --- binaries ----------------------------------------------------------------

# Sets PG_BIN to a directory with initdb/pg_ctl; prefers the version that
# initialised an existing cluster.
find_pg_bin() {
  PG_BIN=""
  local want="" d
  [[ -r $DATA/PG_VERSION ]] && want="$(<"$DATA/PG_VERSION")"
  if [[ -n $want && -x /usr/lib/postgresql/$want/bin/pg_ctl ]]; then
    PG_BIN="/usr/lib/postgresql/$want/bin"
    return 0
  fi
  d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null |
    sort -V | tail -n1)"
  if [[ -n $d && -x "$(dirname "$d")/initdb" ]]; then
    PG_BIN="$(dirname "$d")"
  elif command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    PG_BIN="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
  fi
  [[ -n $PG_BIN ]]
}

ensure_pg_bin() {
  find_pg_bin && return 0
  is_root || die "PostgreSQL server binaries not found (initdb/pg_ctl). Install them with: sudo apt-get install -y postgresql"
  log "PostgreSQL not found; installing Debian package 'postgresql'"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  find_pg_bin || die "PostgreSQL installed but initdb/pg_ctl not found"
}

# Client tool from PG_BIN when present, else from PATH.
client() {
  local tool="$1"
  shift
  if [[ -n ${PG_BIN:-} && -x $PG_BIN/$tool ]]; then
    "$PG_BIN/$tool" "$@"
  else
    "$tool" "$@"
  fi
}

# --- run user ----------------------------------------------------------------

# Sets RUN_USER/RUN_GROUP (root only). An initialised cluster keeps its owner.
pick_run_user() {
  RUN_USER=""
  RUN_GROUP=""
  is_root || return 0
  if [[ -f $DATA/PG_VERSION ]]; then
    RUN_USER="$(stat -c %U "$DATA")"
    [[ $RUN_USER != root ]] || die "$DATA is owned by root; PostgreSQL cannot run as root"
  elif id -u postgres >/dev/null 2>&1; then
    RUN_USER=postgres
  else
    if ! id -u "$FALLBACK_USER" >/dev/null 2>&1; then
      log "creating system user $FALLBACK_USER to run PostgreSQL"
      useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$FALLBACK_USER"
    fi
    RUN_USER="$FALLBACK_USER"
  fi
  RUN_GROUP="$(id -gn "$RUN_USER")"
}

# Runs a command as the cluster owner (from / so its cwd is always readable).
# fd 9 (the lock) is closed so the server does not inherit it.
as_pg() {
  if is_root; then
    (cd / && runuser -u "$RUN_USER" -- "$@") 9>&-
  else
    "$@" 9>&-
  fi
}

# --- layout ------------------------------------------------------------------

# Creates the data/socket/log locations, relocating under /var/tmp when root's
# run user cannot traverse the parent directory.
prepare_layout() {
  local parent
  parent="$(dirname "$PG_DIR")"
  mkdir -p "$parent"
  if ! is_root; then
    mkdir -p "$DATA" "$SOCK"
    chmod 700 "$DATA" "$SOCK"
    touch "$LOG"
    return 0
  fi

  if [[ ! -e $PG_DIR && ! -L $PG_DIR ]] && ! (cd / && runuser -u "$RUN_USER" -- test -x "$parent"); then
    local base
    base="$(reloc_base)"
    log "$RUN_USER cannot reach $parent; keeping the cluster in $base (symlinked from $PG_DIR)"
    if [[ ! -d $RELOC_ROOT ]]; then
      install -d -m 755 -o root -g root "$RELOC_ROOT"
    fi
    [[ ! -L $RELOC_ROOT && "$(stat -c %u "$RELOC_ROOT")" == 0 ]] ||
      die "$RELOC_ROOT must be a root-owned directory"
    ln -s "$base/pg" "$PG_DIR"
    resolve_paths
  fi
  if ((RELOCATED)); then
    local base
    base="$(dirname "$DATA")"
    [[ $base == "$RELOC_ROOT"/* ]] || die "$PG_DIR is a symlink to $DATA, outside $RELOC_ROOT"
    # The target may be missing (e.g. /var/tmp cleaned); recreate it.
    [[ -d $base ]] || install -d -m 700 -o "$RUN_USER" -g "$RUN_GROUP" "$base"
  fi
  [[ -d $DATA ]] || install -d -m 700 -o "$RUN_USER" -g "$RUN_GROUP" "$DATA"
  [[ -f $DATA/PG_VERSION ]] || chown "$RUN_USER:$RUN_GROUP" "$DATA"
  [[ -d $SOCK ]] || install -d -m 700 -o "$RUN_USER" -g "$RUN_GROUP" "$SOCK"
  [[ -e $LOG ]] || install -m 600 -o "$RUN_USER" -g "$RUN_GROUP" /dev/null "$LOG"
}

take_lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 120 9 || die "timed out waiting for $LOCK"
}

# --- process checks ----------------------------------------------------------

real_data() { readlink -f "$DATA" 2>/dev/null || printf '%s\n' "$DATA"; }

pidfile_line() { sed -n "${1}p" "$DATA/postmaster.pid" 2>/dev/null; }

# True when postmaster.pid names a live postgres whose cwd is this data dir
# (guards against pids reused by other processes or other clusters).
is_running() {
  local pid
  [[ -r $DATA/postmaster.pid ]] || return 1
  pid="$(pidfile_line 1)"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$(real_data)" ]]
}

# Postgres processes still attached to this data dir (e.g. orphaned backends
# after the postmaster was killed).
cluster_pids() {
  local p real
  real="$(real_data)"
  for p in /proc/[0-9]*; do
    [[ "$(readlink "$p/cwd" 2>/dev/null)" == "$real" ]] || continue
    [[ "$(cat "$p/comm" 2>/dev/null)" == postgres* ]] || continue
    printf '%s\n' "${p#/proc/}"
  done
}

is_answering() {
  client pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -t 3 >/dev/null 2>&1
}

remove_stale_pid() {
  [[ -e $DATA/postmaster.pid ]] || return 0
  local i left
  for ((i = 0; i < 30; i++)); do
    left="$(cluster_pids)"
    [[ -n $left ]] || break
    sleep 0.5
  done
  [[ -z $left ]] || die "orphaned postgres processes still use $DATA: $(echo "$left" | tr '\n' ' ')"
  log "removing stale $DATA/postmaster.pid (pid $(pidfile_line 1) is gone or not this cluster's postmaster)"
  rm -f "$DATA/postmaster.pid" "$SOCK"/.s.PGSQL.*
}

# --- commands ----------------------------------------------------------------

cmd_url() {
  if external; then
    printf '%s\n' "$ConnectionStrings__Marten"
  else
    printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres;No Reset On Close=true\n' \
      "$PG_PORT" "$PG_DB"
  fi
}

ensure_db() {
  local exists
  exists="$(client psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
    "select 1 from pg_database where datname = '$PG_DB'")"
  if [[ $exists != 1 ]]; then
    log "creating database $PG_DB"
    client createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DB"
  fi
}

cmd_start() {
  if external; then
    log "ConnectionStrings__Marten is set; using that server, starting nothing"
    cmd_url
    return 0
  fi
  resolve_paths
  ensure_pg_bin
  pick_run_user
  take_lock
  prepare_layout

  if is_running; then
    local port i
    port="$(pidfile_line 4)"
    [[ $port == "$PG_PORT" ]] ||
      die "cluster $PG_DIR is already running on port $port, not $PG_PORT; run '$0 stop' first"
    for ((i = 0; i < 30; i++)); do
      is_answering && break
      sleep 1
    done
    is_answering || die "cluster $PG_DIR is running (pid $(pidfile_line 1)) but not answering on 127.0.0.1:$PG_PORT"
    log "already running on 127.0.0.1:$PG_PORT ($PG_DIR)"
  else
    remove_stale_pid
    if [[ ! -f $DATA/PG_VERSION ]]; then
      log "initialising cluster in $DATA"
      as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$LOG"
    fi
    local sockdir="''"
    if socket_usable; then
      sockdir="$SOCK"
      rm -f "$SOCK"/.s.PGSQL.*
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $LOG)"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $sockdir -c fsync=$PG_FSYNC -c max_connections=200${EPI_PG_PRELOAD:+ -c shared_preload_libraries=$EPI_PG_PRELOAD}" \
      start >&2; then
      log "last lines of $LOG:"
      tail -n 20 "$LOG" >&2 || true
      die "PostgreSQL failed to start"
    fi
  fi
  ensure_db
  cmd_url
}

cmd_stop() {
  if external; then
    log "ConnectionStrings__Marten is set; external server, nothing to stop"
    return 0
  fi
  resolve_paths
  if [[ ! -f $DATA/PG_VERSION ]]; then
    log "no cluster at $PG_DIR; nothing to stop"
    return 0
  fi
  take_lock
  if ! is_running; then
    remove_stale_pid
    log "not running ($PG_DIR)"
    return 0
  fi
  find_pg_bin || die "PostgreSQL binaries not found; cannot stop $PG_DIR"
  pick_run_user
  log "stopping PostgreSQL ($PG_DIR)"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2; then
    log "fast shutdown failed; trying immediate"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >&2
  fi
}

cmd_destroy() {
  if external; then
    log "ConnectionStrings__Marten is set; external server, nothing to destroy"
    return 0
  fi
  cmd_stop
  resolve_paths
  take_lock
  if [[ -d $DATA ]]; then
    # Refuse to wipe a directory that is neither empty nor a PostgreSQL cluster.
    if [[ ! -f $DATA/PG_VERSION && -n "$(ls -A "$DATA")" ]]; then
      die "$DATA is not a PostgreSQL data directory; not removing it"
    fi
    [[ -z "$(cluster_pids)" ]] || die "postgres processes still use $DATA; not removing it"
  fi
  log "removing $PG_DIR"
  rm -rf "$DATA" "$SOCK" "$LOG"
  if ((RELOCATED)); then
    local base
    base="$(dirname "$DATA")"
    [[ $base == "$RELOC_ROOT"/* ]] && rm -rf "$base"
    rmdir --ignore-fail-on-non-empty "$RELOC_ROOT" 2>/dev/null || true
    rm -f "$PG_DIR"
  fi
  rm -f "$LOCK"
}

cmd_status() {
  if external; then
    local cs="$ConnectionStrings__Marten" host="" port="" kv key parts=()
    resolve_paths
    if ! { find_pg_bin || command -v pg_isready >/dev/null; }; then
      echo "external (ConnectionStrings__Marten is set; pg_isready not available)"
      return 0
    fi
    if [[ $cs == postgres://* || $cs == postgresql://* ]]; then
      if client pg_isready -q -d "$cs" -t 3; then
        echo "external: accepting connections"
        return 0
      fi
      echo "external: not answering"
      return 1
    fi
    IFS=';' read -ra parts <<<"$cs"
    for kv in "${parts[@]}"; do
      key="$(printf '%s' "${kv%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
      case $key in
        host | server) host="${kv#*=}" ;;
        port) port="${kv#*=}" ;;
      esac
    done
    if [[ -z $host ]]; then
      echo "external (no Host in ConnectionStrings__Marten)"
      return 0
    fi
    if client pg_isready -q -h "$host" -p "${port:-5432}" -t 3; then
      echo "external: accepting connections at $host:${port:-5432}"
      return 0
    fi
    echo "external: not answering at $host:${port:-5432}"
    return 1
  fi
  resolve_paths
  find_pg_bin || true
  if ! is_running; then
    echo "not running ($PG_DIR)"
    return 3
  fi
  local port
  port="$(pidfile_line 4)"
  if [[ $port != "$PG_PORT" ]]; then
    echo "running on port $port, not $PG_PORT ($PG_DIR)"
    return 1
  fi
  if is_answering; then
    echo "running on 127.0.0.1:$PG_PORT, pid $(pidfile_line 1) ($PG_DIR)"
    return 0
  fi
  echo "running (pid $(pidfile_line 1)) but not answering on 127.0.0.1:$PG_PORT ($PG_DIR)"
  return 1
}

main() {
  validate_config
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) cmd_url ;;
    destroy) cmd_destroy ;;
    *)
      echo "usage: $0 start|stop|status|url|destroy" >&2
      exit 2
      ;;
  esac
}

main "$@"
