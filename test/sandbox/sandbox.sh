#!/usr/bin/env bash
# Stasis Explorer test sandbox: a real Asterisk 22 (Debian sid package) in a debootstrap chroot,
# plus sipp to place real SIP calls into it. See test/sandbox/README.md.
#
#   bash test/sandbox/sandbox.sh up|down|status|env|call|cli|restart|stop-asterisk|start-asterisk
#
# Everything heavy (the ~450 MB chroot, logs, pid files) lives outside the repo in
# $STASIS_SANDBOX_DIR (default /var/cache/stasis-explorer/sandbox). Progress goes to stderr as
# "[sandbox] ..." lines; machine-readable output (env, status, call summary) goes to stdout.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONFIG_TEMPLATES="$SCRIPT_DIR/config"
SIPP_TEMPLATE="$SCRIPT_DIR/sipp/uac-call.xml"

SANDBOX_DIR=${STASIS_SANDBOX_DIR:-/var/cache/stasis-explorer/sandbox}
ROOT="$SANDBOX_DIR/root"                  # the chroot
STAMP="$SANDBOX_DIR/build.stamp"          # written last by a complete build
LOG_DIR="$SANDBOX_DIR/logs"
BUILD_LOG="$LOG_DIR/build.log"
CONSOLE_LOG="$LOG_DIR/asterisk-console.log"
MESSAGES_LOG="$ROOT/var/log/asterisk/messages.log"
RUN_DIR="$SANDBOX_DIR/run"
STATE_FILE="$RUN_DIR/asterisk.state"      # PID, START_TIME, ARI_PORT, SIP_PORT of our Asterisk
MOUNTS_FILE="$RUN_DIR/mounts"             # mount points we created, one per line
SIPP_PIDS="$RUN_DIR/sipp"                 # one <pid> file per sipp we started
CALLS_DIR="$SANDBOX_DIR/calls"            # one folder per `call`: scenario, sipp output, logs
LOCK_FILE="$SANDBOX_DIR/.lock"

# Bump when the build recipe changes, so that existing caches are rebuilt.
BUILD_RECIPE=1
DEBIAN_SUITE=sid
HOST_PACKAGES=(debootstrap sip-tester)

REQ_ARI_PORT=${STASIS_SANDBOX_ARI_PORT:-8088}
REQ_SIP_PORT=${STASIS_SANDBOX_SIP_PORT:-5060}
PING_TIMEOUT=${STASIS_SANDBOX_PING_TIMEOUT:-60}

# Must match config/ari.conf.
ARI_USERNAME=asterisk
ARI_PASSWORD=sandbox-ari-secret
ARI_VIEWER_USERNAME=viewer
ARI_VIEWER_PASSWORD=viewer

# ---------------------------------------------------------------------------------------------
# Small helpers

say() { printf '[sandbox] %s\n' "$*" >&2; }
die() { printf '[sandbox] ERROR: %s\n' "$*" >&2; exit "${DIE_CODE:-1}"; }

usage() {
  cat <<'EOF'
usage: sandbox.sh <command> [options]

  up                 build the chroot once (cached), write config, start Asterisk, wait for ARI
  down               stop Asterisk and any sipp started here, unmount the chroot's proc/dev
  status             built? running? ARI URL and version (exit 0 healthy, 3 not running, 4 unhealthy)
  env                print ARI_URL=... ARI_USERNAME=... lines for the running sandbox
  call [options]     place SIP call(s) with sipp into an endpoint
      --to ENDPOINT        alice (stasis-ari-example1) | bob (ari-example2) | carol (demo-ivr); default alice
      --count N            number of calls (default 1)
      --rate R             calls per second (default 1)
      --caller-name TEXT   caller id name (any text; default "Sandbox Caller")
      --caller-number NUM  caller id number (default 1000)
      --exten EXTEN        dialled number / request URI user (default 100)
      --hold S             seconds to stay up after answer before sipp sends BYE (default 5)
      --ring-timeout S     CANCEL a call that gets no answer or other reply for S seconds
                           (it then counts as failed; default: wait as long as it rings);
                           --timeout S is the same option
      --background         return at once; `down` kills the sipp left running
  cli "COMMAND"      run an Asterisk CLI command (asterisk -rx) and print its output
  restart            stop and start Asterisk again (mounts stay)
  stop-asterisk      stop Asterisk only
  start-asterisk     start Asterisk only, wait for ARI

env: STASIS_SANDBOX_DIR (default /var/cache/stasis-explorer/sandbox),
     STASIS_SANDBOX_ARI_PORT (8088), STASIS_SANDBOX_SIP_PORT (5060),
     STASIS_SANDBOX_PING_TIMEOUT (60 s), STASIS_SANDBOX_MIRROR (default: from apt's sources)
EOF
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (it uses debootstrap, chroot and mount); try: sudo $0 ${CMD:-up}"
}

# Serialise commands that change state (two `up`s at once would both build and start).
take_lock() {
  mkdir -p "$SANDBOX_DIR"
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    say "waiting for another sandbox.sh command to finish (lock $LOCK_FILE)"
    flock -w 300 9 || die "gave up after 300 s waiting for the lock $LOCK_FILE"
  fi
}

# The sandbox dir ends up in /proc/mounts and in rm -rf; keep it simple and absolute.
check_sandbox_dir() {
  [[ $SANDBOX_DIR == /* ]] || die "STASIS_SANDBOX_DIR must be an absolute path (got '$SANDBOX_DIR')"
  [[ $SANDBOX_DIR != *[[:space:]]* ]] || die "STASIS_SANDBOX_DIR must not contain spaces"
  [[ $(realpath -m "$SANDBOX_DIR") != / ]] || die "STASIS_SANDBOX_DIR must not be /"
}

valid_port() { [[ $1 =~ ^[0-9]+$ ]] && (( $1 >= 1 && $1 <= 65535 )); }

# ---------------------------------------------------------------------------------------------
# Host packages

# Installs debootstrap and sipp on the host when missing. `apt-get update` runs only when apt
# does not know a package yet (a fresh machine may have empty package lists).
ensure_host_packages() {
  command -v apt-get >/dev/null || die "apt-get not found: the sandbox needs a Debian/Ubuntu host"
  local missing=() pkg
  for pkg in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  command -v curl >/dev/null || missing+=(curl)
  (( ${#missing[@]} )) || return 0
  mkdir -p "$LOG_DIR"
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    say "apt-get update (package lists do not know ${missing[*]} yet)"
    apt-get update >>"$BUILD_LOG" 2>&1 || die "apt-get update failed; see $BUILD_LOG"
  fi
  say "installing host packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
    >>"$BUILD_LOG" 2>&1 || die "apt-get install ${missing[*]} failed; see $BUILD_LOG"
}

# ---------------------------------------------------------------------------------------------
# Mounts

# Mount points under $ROOT that are mounted now, deepest first (safe unmount order).
mounts_under_root() {
  awk -v root="$ROOT" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/mounts | sort -r
}

is_mounted() { awk -v p="$1" '$2 == p { found = 1 } END { exit !found }' /proc/mounts; }

mount_chroot() {
  mkdir -p "$RUN_DIR"
  if ! is_mounted "$ROOT/proc"; then
    say "mounting proc and /dev into the chroot"
    mount -t proc proc "$ROOT/proc"
    echo "$ROOT/proc" >>"$MOUNTS_FILE"
  fi
  if ! is_mounted "$ROOT/dev"; then
    # Asterisk needs /dev/null, /dev/urandom; a plain (non-recursive) bind keeps /dev/pts and
    # /dev/shm out, so unmounting is one umount.
    mount --bind /dev "$ROOT/dev"
    echo "$ROOT/dev" >>"$MOUNTS_FILE"
  fi
}

# Unmounts everything below $ROOT: what `up` mounted and anything an interrupted debootstrap
# left (it mounts proc and sys itself). Only ever paths inside our own chroot.
unmount_chroot() {
  local m left
  for m in $(mounts_under_root); do
    say "unmounting $m"
    umount "$m" 2>/dev/null || umount -l "$m" || say "WARNING: could not unmount $m"
  done
  rm -f "$MOUNTS_FILE"
  left=$(mounts_under_root)
  [[ -z $left ]] || die "still mounted under the chroot: $left"
}

# ---------------------------------------------------------------------------------------------
# Build (once; cached)

debian_mirror() {
  if [[ -n ${STASIS_SANDBOX_MIRROR:-} ]]; then echo "$STASIS_SANDBOX_MIRROR"; return; fi
  local m=""
  # deb822 sources (Debian 12 default), then the one-line format.
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    m=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources \
        | grep -v -- '-security' | head -1)
  fi
  if [[ -z $m && -f /etc/apt/sources.list ]]; then
    m=$(awk '$1 == "deb" && $2 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [[ -n $m ]] || die "cannot find a Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; set STASIS_SANDBOX_MIRROR"
  echo "$m"
}

is_built() { [[ -f $STAMP ]] && grep -qx "recipe=$BUILD_RECIPE" "$STAMP"; }

build_failed() {
  say "build FAILED; last lines of $BUILD_LOG:"
  tail -n 15 "$BUILD_LOG" | sed 's/^/[sandbox]   | /' >&2
  unmount_chroot || true
  die "build failed; full log: $BUILD_LOG"
}

build_chroot() {
  if is_built; then
    say "chroot already built ($ROOT, $(sed -n 's/^asterisk=//p' "$STAMP"))"
    return
  fi
  mkdir -p "$LOG_DIR"
  printf '\n===== %s build (recipe %s)\n' "$(date -u +%FT%TZ)" "$BUILD_RECIPE" >>"$BUILD_LOG"
  local started=$SECONDS mirror
  # A missing stamp means no build or an interrupted one: start from scratch. Unmount first,
  # and never cross into another file system, so a leftover /dev bind can never be deleted.
  if [[ -e $ROOT ]]; then
    say "removing incomplete chroot $ROOT"
    unmount_chroot
    rm -rf --one-file-system "$ROOT"
  fi
  rm -f "$STAMP"
  mirror=$(debian_mirror)
  say "building the chroot (first time only, about a minute); log: $BUILD_LOG"
  say "debootstrap --variant=minbase $DEBIAN_SUITE from $mirror"
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$ROOT" "$mirror" >>"$BUILD_LOG" 2>&1 || build_failed
  mount_chroot
  # Music on hold files come from a package Asterisk only recommends (see config/musiconhold.conf).
  say "apt-get install asterisk asterisk-moh-opsound-gsm inside the chroot"
  # The mirror may be a frozen snapshot whose sid Release file has expired: hence
  # Check-Valid-Until=false.
  chroot "$ROOT" /bin/sh -c '
      set -e
      apt-get -o Acquire::Check-Valid-Until=false update
      DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Check-Valid-Until=false \
        install -y --no-install-recommends asterisk asterisk-moh-opsound-gsm
      apt-get clean' >>"$BUILD_LOG" 2>&1 || build_failed
  # Keep Debian's sample configuration for reference; /etc/asterisk will hold only ours.
  rm -rf "$ROOT/etc/asterisk.debian"
  mv "$ROOT/etc/asterisk" "$ROOT/etc/asterisk.debian"
  local version
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's format, not ours
  version=$(chroot "$ROOT" dpkg-query -W -f='${Version}' asterisk 2>/dev/null || echo unknown)
  printf 'recipe=%s\nasterisk=%s\nmirror=%s\nbuilt=%s\n' \
    "$BUILD_RECIPE" "$version" "$mirror" "$(date -u +%FT%TZ)" >"$STAMP"
  say "chroot built in $((SECONDS - started)) s (asterisk $version)"
}

# ---------------------------------------------------------------------------------------------
# Configuration

render_config() {
  local ari_port=$1 sip_port=$2 etc="$ROOT/etc/asterisk" f
  say "writing config to $etc (ARI port $ari_port, SIP port $sip_port)"
  # Only our files: Debian's samples enable modules (and ports) we do not want.
  rm -rf "$etc"
  mkdir -p "$etc"
  for f in "$CONFIG_TEMPLATES"/*.conf; do
    sed -e "s/@ARI_PORT@/$ari_port/g" -e "s/@SIP_PORT@/$sip_port/g" "$f" >"$etc/$(basename "$f")"
  done
}

# Asterisk runs as user asterisk (with -U root it drops capabilities and then cannot read its
# own config), so everything it writes must belong to it.
prepare_dirs() {
  # Inside the chroot: there /var/run is a symlink to an absolute /run, which from the host
  # would point at the host's own /run.
  chroot "$ROOT" /bin/sh -c 'mkdir -p /var/run/asterisk &&
    chown -R asterisk:asterisk /etc/asterisk /var/lib/asterisk /var/log/asterisk \
      /var/spool/asterisk /var/run/asterisk'
}

# ---------------------------------------------------------------------------------------------
# Asterisk process

# Reads STATE_FILE into PID, START_TIME, ARI_PORT, SIP_PORT; returns 1 when there is none.
load_state() {
  PID="" START_TIME="" ARI_PORT="" SIP_PORT=""
  [[ -f $STATE_FILE ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE_FILE"
}

proc_start_time() { awk '{ print $22 }' "/proc/$1/stat" 2>/dev/null; }

# True when pid $1 is alive (not a zombie) and started at $2: guards against a recycled pid.
pid_alive() {
  local pid=$1 start=$2 state
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]] || return 1
  [[ -z $start || $(proc_start_time "$pid") == "$start" ]]
}

asterisk_running() { load_state && pid_alive "$PID" "$START_TIME"; }

ari_base() { echo "http://127.0.0.1:$1/ari"; }

# HTTP status of GET /ari/asterisk/ping (000 when nothing answers).
ping_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 -u "$ARI_USERNAME:$ARI_PASSWORD" \
    "$(ari_base "$1")/asterisk/ping" 2>/dev/null || true
}

# Fails with a clear message if something else holds the ARI (TCP) or SIP (UDP) port on
# 127.0.0.1. Node is on every machine of this kind, so use it to try the binds for real.
check_ports_free() {
  local ari_port=$1 sip_port=$2 out
  # shellcheck disable=SC2016 # JavaScript template literals
  if ! out=$(node -e '
      const net = require("net"), dgram = require("dgram");
      const [tcpPort, udpPort] = process.argv.slice(1).map(Number);
      const fail = (what, e) => { console.log(`${what}: ${e.code || e.message}`); process.exit(1); };
      const srv = net.createServer();
      srv.once("error", (e) => fail(`TCP 127.0.0.1:${tcpPort} (ARI)`, e));
      srv.listen({ host: "127.0.0.1", port: tcpPort, exclusive: true }, () => {
        srv.close();
        const sock = dgram.createSocket("udp4");
        sock.once("error", (e) => fail(`UDP 127.0.0.1:${udpPort} (SIP)`, e));
        sock.bind(udpPort, "127.0.0.1", () => sock.close());
      });' "$ari_port" "$sip_port" 2>&1); then
    local who=""
    command -v ss >/dev/null && who=$(ss -Hlntup "( sport = :$ari_port or sport = :$sip_port )" 2>/dev/null | head -3)
    DIE_CODE=2 die "port in use: $out${who:+ (held by: $who)}. Stop that process or choose other ports with STASIS_SANDBOX_ARI_PORT / STASIS_SANDBOX_SIP_PORT."
  fi
}

start_asterisk() {
  local ari_port=$1 sip_port=$2
  check_ports_free "$ari_port" "$sip_port"
  prepare_dirs
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  say "starting Asterisk (user asterisk); console log: $CONSOLE_LOG"
  printf '\n===== %s start (ARI %s, SIP %s)\n' "$(date -u +%FT%TZ)" "$ari_port" "$sip_port" >>"$CONSOLE_LOG"
  # setsid: own session, so Ctrl-C or a test runner killing our process group does not take
  # Asterisk with it. The subshell is not a process-group leader, so setsid and chroot just
  # exec: $! is Asterisk's own pid. -f: no fork, so that pid stays valid.
  # 9>&-: do not hand our lock to Asterisk, or it would hold it for its whole life.
  ( exec setsid chroot "$ROOT" /usr/sbin/asterisk -U asterisk -G asterisk -f -n ) \
    </dev/null >>"$CONSOLE_LOG" 2>&1 9>&- &
  local pid=$!
  sleep 0.2
  printf 'PID=%s\nSTART_TIME=%s\nARI_PORT=%s\nSIP_PORT=%s\n' \
    "$pid" "$(proc_start_time "$pid")" "$ari_port" "$sip_port" >"$STATE_FILE"
  # Remembered past stop-asterisk, so start-asterisk comes back on the same URL.
  printf 'LAST_ARI_PORT=%s\nLAST_SIP_PORT=%s\n' "$ari_port" "$sip_port" >"$RUN_DIR/ports"
  wait_for_ping "$pid" "$ari_port"
}

wait_for_ping() {
  local pid=$1 port=$2 deadline=$((SECONDS + PING_TIMEOUT)) code
  say "waiting for ARI: GET $(ari_base "$port")/asterisk/ping (up to ${PING_TIMEOUT} s)"
  while :; do
    code=$(ping_status "$port")
    if [[ $code == 200 ]]; then
      say "Asterisk is up (pid $pid), ARI answers on $(ari_base "$port")"
      return 0
    fi
    if ! pid_alive "$pid" ""; then
      say "Asterisk (pid $pid) exited during start; last lines of $CONSOLE_LOG:"
      tail -n 15 "$CONSOLE_LOG" | sed 's/^/[sandbox]   | /' >&2
      rm -f "$STATE_FILE"
      die "Asterisk did not start; see $CONSOLE_LOG and $MESSAGES_LOG"
    fi
    if (( SECONDS >= deadline )); then
      die "ARI did not answer 200 within ${PING_TIMEOUT} s (last HTTP status $code); see $MESSAGES_LOG and $CONSOLE_LOG"
    fi
    sleep 0.5
  done
}

stop_asterisk() {
  if ! asterisk_running; then
    if [[ -f $STATE_FILE ]]; then say "Asterisk is not running (removing stale state)"; else say "Asterisk is not running"; fi
    rm -f "$STATE_FILE"
    return 0
  fi
  say "stopping Asterisk (pid $PID)"
  # -k: a remote console talking to a hung Asterisk ignores the first SIGTERM.
  local asked=15
  timeout -k 2 10 chroot "$ROOT" /usr/sbin/asterisk -rx 'core stop now' >/dev/null 2>&1 || asked=1
  wait_gone "$PID" "$START_TIME" "$asked" || {
    say "Asterisk did not stop by itself; sending SIGTERM"
    kill -TERM "$PID" 2>/dev/null || true
    wait_gone "$PID" "$START_TIME" 5
  } || {
    say "sending SIGKILL to Asterisk"
    kill -KILL "$PID" 2>/dev/null || true
    wait_gone "$PID" "$START_TIME" 5
  } || die "could not stop Asterisk (pid $PID)"
  rm -f "$STATE_FILE"
  say "Asterisk stopped"
}

# Waits up to $3 seconds for pid $1 (started at $2) to be gone.
wait_gone() {
  local pid=$1 start=$2 deadline=$((SECONDS + $3))
  while pid_alive "$pid" "$start"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

asterisk_cli() {
  timeout -k 2 30 chroot "$ROOT" /usr/sbin/asterisk -rx "$1"
}

# ---------------------------------------------------------------------------------------------
# sipp processes we started

register_sipp() { mkdir -p "$SIPP_PIDS"; proc_start_time "$1" >"$SIPP_PIDS/$1" || true; }
unregister_sipp() { rm -f "$SIPP_PIDS/$1"; }

kill_sipps() {
  [[ -d $SIPP_PIDS ]] || return 0
  local f pid start
  for f in "$SIPP_PIDS"/*; do
    [[ -e $f ]] || continue
    pid=$(basename "$f") start=$(cat "$f")
    if pid_alive "$pid" "$start" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == sipp ]]; then
      say "killing sipp (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      wait_gone "$pid" "$start" 5 || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_up() {
  require_root
  check_sandbox_dir
  valid_port "$REQ_ARI_PORT" || die "STASIS_SANDBOX_ARI_PORT is not a port: $REQ_ARI_PORT"
  valid_port "$REQ_SIP_PORT" || die "STASIS_SANDBOX_SIP_PORT is not a port: $REQ_SIP_PORT"
  take_lock
  if asterisk_running; then
    # Only a port asked for explicitly can conflict with the running one.
    if [[ ${STASIS_SANDBOX_ARI_PORT:-$ARI_PORT} != "$ARI_PORT" || ${STASIS_SANDBOX_SIP_PORT:-$SIP_PORT} != "$SIP_PORT" ]]; then
      die "already up with ARI port $ARI_PORT / SIP port $SIP_PORT (asked for $REQ_ARI_PORT / $REQ_SIP_PORT); run 'down' first"
    fi
    if [[ $(ping_status "$ARI_PORT") == 200 ]]; then
      say "already up and healthy: Asterisk pid $PID, ARI $(ari_base "$ARI_PORT")"
      print_log_paths
      return 0
    fi
    say "Asterisk (pid $PID) is running but ARI does not answer; restarting it"
    stop_asterisk
  fi
  # Before touching anything: a taken port is the most common reason `up` cannot work.
  check_ports_free "$REQ_ARI_PORT" "$REQ_SIP_PORT"
  ensure_host_packages
  build_chroot
  mount_chroot
  render_config "$REQ_ARI_PORT" "$REQ_SIP_PORT"
  # A fresh messages log per `up` (the previous one is kept as .1); restart keeps appending.
  [[ -f $MESSAGES_LOG ]] && mv -f "$MESSAGES_LOG" "$MESSAGES_LOG.1"
  start_asterisk "$REQ_ARI_PORT" "$REQ_SIP_PORT"
  print_log_paths
}

print_log_paths() {
  say "logs: build $BUILD_LOG | console $CONSOLE_LOG | messages $MESSAGES_LOG"
}

cmd_down() {
  require_root
  check_sandbox_dir
  take_lock
  kill_sipps
  stop_asterisk
  if [[ -d $ROOT ]]; then unmount_chroot; fi
  rm -f "$RUN_DIR/ports"
  say "down"
}

cmd_status() {
  local code=3
  if is_built; then
    echo "built:    yes ($ROOT; asterisk $(sed -n 's/^asterisk=//p' "$STAMP"), built $(sed -n 's/^built=//p' "$STAMP"))"
  else
    echo "built:    no ($ROOT)"
  fi
  if asterisk_running; then
    echo "running:  yes (pid $PID)"
    echo "ARI URL:  http://127.0.0.1:$ARI_PORT  (SIP udp 127.0.0.1:$SIP_PORT)"
    local info ping
    ping=$(ping_status "$ARI_PORT")
    if [[ $ping == 200 ]]; then
      info=$(curl -s --max-time 3 -u "$ARI_USERNAME:$ARI_PASSWORD" "$(ari_base "$ARI_PORT")/asterisk/info" || true)
      echo "version:  $(json_field "$info" system.version)"
      echo "health:   ok (ping 200)"
      code=0
    else
      echo "health:   NOT OK (ping HTTP $ping)"
      code=4
    fi
  else
    echo "running:  no"
  fi
  local n=0 f
  if [[ -d $SIPP_PIDS ]]; then
    for f in "$SIPP_PIDS"/*; do [[ -e $f ]] && pid_alive "$(basename "$f")" "$(cat "$f")" && n=$((n + 1)); done
  fi
  echo "sipp:     $n running"
  echo "logs:     $LOG_DIR (build.log, asterisk-console.log), $MESSAGES_LOG"
  return $code
}

# Prints a dotted field of a JSON document ("" when absent).
json_field() {
  node -e '
    let v; try { v = JSON.parse(process.argv[1]); } catch { v = undefined; }
    for (const k of process.argv[2].split(".")) v = v == null ? undefined : v[k];
    console.log(v == null ? "" : String(v));' "$1" "$2"
}

cmd_env() {
  if ! asterisk_running; then
    DIE_CODE=3 die "the sandbox is not running; start it with: bash test/sandbox/sandbox.sh up"
  fi
  cat <<EOF
ARI_URL=http://127.0.0.1:$ARI_PORT
ARI_USERNAME=$ARI_USERNAME
ARI_PASSWORD=$ARI_PASSWORD
ARI_VIEWER_USERNAME=$ARI_VIEWER_USERNAME
ARI_VIEWER_PASSWORD=$ARI_VIEWER_PASSWORD
SANDBOX_SIP_PORT=$SIP_PORT
EOF
}

cmd_cli() {
  require_root
  (( $# >= 1 )) || die "usage: sandbox.sh cli \"<asterisk CLI command>\""
  asterisk_running || DIE_CODE=3 die "Asterisk is not running; start it with: bash test/sandbox/sandbox.sh up"
  asterisk_cli "$*"
}

cmd_stop_asterisk() {
  require_root
  take_lock
  kill_sipps
  stop_asterisk
}

cmd_start_asterisk() {
  require_root
  take_lock
  is_built || die "the sandbox is not built; run: bash test/sandbox/sandbox.sh up"
  if asterisk_running; then
    say "Asterisk is already running (pid $PID)"
    return 0
  fi
  # Reuse the ports of the last run when known, so ARI_URL stays the same across a restart.
  local ari_port=$REQ_ARI_PORT sip_port=$REQ_SIP_PORT
  if [[ -f $RUN_DIR/ports ]]; then
    # shellcheck disable=SC1091
    source "$RUN_DIR/ports"; ari_port=$LAST_ARI_PORT sip_port=$LAST_SIP_PORT
  fi
  mount_chroot
  render_config "$ari_port" "$sip_port"
  start_asterisk "$ari_port" "$sip_port"
}

cmd_restart() {
  require_root
  take_lock
  is_built || die "the sandbox is not built; run: bash test/sandbox/sandbox.sh up"
  local ari_port=$REQ_ARI_PORT sip_port=$REQ_SIP_PORT
  if asterisk_running; then ari_port=$ARI_PORT sip_port=$SIP_PORT; fi
  stop_asterisk
  mount_chroot
  render_config "$ari_port" "$sip_port"
  start_asterisk "$ari_port" "$sip_port"
}

# --- call --------------------------------------------------------------------------------------

# The caller name goes inside a SIP quoted-string: escape backslash and double quote
# (RFC 3261 quoted-pair) and turn control characters (CR/LF would inject headers) into spaces.
sip_quoted_string_body() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=$(printf '%s' "$s" | tr '\000-\037\177' ' ')
  printf '%s' "$s"
}

cmd_call() {
  require_root
  local to=alice count=1 rate=1 caller_name="Sandbox Caller" caller_number=1000 exten=100
  local hold=5 ring_timeout="" background=0
  while (( $# )); do
    case $1 in
      --to) to=${2:?--to needs a value}; shift 2 ;;
      --count) count=${2:?--count needs a value}; shift 2 ;;
      --rate) rate=${2:?--rate needs a value}; shift 2 ;;
      --caller-name) caller_name=${2?--caller-name needs a value}; shift 2 ;;
      --caller-number) caller_number=${2:?--caller-number needs a value}; shift 2 ;;
      --exten) exten=${2:?--exten needs a value}; shift 2 ;;
      --hold) hold=${2:?--hold needs a value}; shift 2 ;;
      --ring-timeout|--timeout) ring_timeout=${2:?$1 needs a value}; shift 2 ;;
      --background) background=1; shift ;;
      -h|--help) usage; return 0 ;;
      *) die "call: unknown option '$1' (see: sandbox.sh --help)" ;;
    esac
  done
  # These go into SIP URIs unescaped: allow only characters that need no escaping there.
  [[ $to =~ ^[A-Za-z0-9._-]+$ ]] || die "--to: endpoint names are letters, digits, . _ - (got '$to')"
  [[ $caller_number =~ ^[A-Za-z0-9+*._-]+$ ]] || die "--caller-number: use digits, letters, + * . _ - (got '$caller_number')"
  [[ $exten =~ ^[A-Za-z0-9+*._-]+$ ]] || die "--exten: use digits, letters, + * . _ - (got '$exten')"
  [[ $count =~ ^[1-9][0-9]*$ ]] || die "--count must be a positive integer (got '$count')"
  if [[ ! $rate =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ || $rate =~ ^[0.]+$ ]]; then
    die "--rate must be a positive number (got '$rate')"
  fi
  [[ $hold =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] || die "--hold must be a number of seconds (got '$hold')"
  [[ -z $ring_timeout || $ring_timeout =~ ^[1-9][0-9]*$ ]] || die "--ring-timeout must be a positive whole number of seconds (got '$ring_timeout')"
  asterisk_running || DIE_CODE=3 die "Asterisk is not running; start it with: bash test/sandbox/sandbox.sh up"
  command -v sipp >/dev/null || die "sipp not found; run 'up' first (it installs Debian's sip-tester)"

  # One folder per call run: the scenario with the hold time filled in, sipp's output and logs.
  local dir hold_ms
  dir="$CALLS_DIR/$(date +%Y%m%d-%H%M%S)-$$"
  mkdir -p "$dir"
  prune_call_dirs
  # recv timeout="0" would mean "wait forever", so a zero hold becomes 1 ms.
  hold_ms=$(awk -v s="$hold" 'BEGIN { ms = int(s * 1000 + 0.5); print (ms < 1 ? 1 : ms) }')
  sed "s/@HOLD_MS@/$hold_ms/g" "$SIPP_TEMPLATE" >"$dir/scenario.xml"

  # sipp's own default is the first free port from 5060 up, which could take Asterisk's SIP
  # port while Asterisk restarts; ask the kernel for an unused one instead.
  local local_port
  local_port=$(node -e '
    const s = require("dgram").createSocket("udp4");
    s.bind(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')

  # Arbitrary text reaches sipp only as -key values: sipp pastes them into the message as
  # literals, so no XML escaping or sipp [keyword] parsing ever applies to them.
  local args=(
    -sf "$dir/scenario.xml"
    -i 127.0.0.1 -p "$local_port" -s "$exten"
    -key caller_user "$to"
    -key caller_name "$(sip_quoted_string_body "$caller_name")"
    -key caller_num "$caller_number"
    -m "$count" -l "$count"
    -r "$rate" -rp 1000
    -nostdin -aa
    -trace_logs -log_file "$dir/calls.log"
    -trace_err -error_file "$dir/errors.log"
    -trace_stat -stf "$dir/stats.csv"
  )
  # sipp's per-message receive timeout: on expiry it aborts the call, sending CANCEL (or BYE).
  # Not sipp's global -timeout: that one exits without cancelling, leaving the channel ringing
  # in Asterisk.
  [[ -z $ring_timeout ]] || args+=(-recv_timeout "$((ring_timeout * 1000))")
  args+=("127.0.0.1:$SIP_PORT")
  printf '%q ' sipp "${args[@]}" >"$dir/command"
  printf 'COUNT=%q\nTO=%q\n' "$count" "$to" >"$dir/call.env"
  say "sipp: $count call(s) to $to at $rate/s, hold ${hold}s; files in $dir"

  if (( background )); then
    # A detached copy of this script runs sipp and writes exit-code and summary when it ends;
    # setsid keeps it alive when the caller's process group goes away.
    setsid bash "$SCRIPT_DIR/sandbox.sh" _run-sipp "$dir" </dev/null >/dev/null 2>&1 9>&- &
    local i
    for (( i = 0; i < 50; i++ )); do [[ -s $dir/sipp.pid ]] && break; sleep 0.1; done
    [[ -s $dir/sipp.pid ]] || die "sipp did not start; see $dir"
    echo "SIPP_PID=$(cat "$dir/sipp.pid")"
    echo "SIPP_DIR=$dir"
    return 0
  fi
  run_sipp "$dir"
}

# Runs the sipp command saved in $1/command, tracked so that `down` can kill it; writes
# $1/sipp.pid, then $1/exit-code and $1/summary when sipp ends. Returns sipp's exit code.
run_sipp() {
  local dir=$1 args COUNT TO
  eval "args=($(cat "$dir/command"))"   # written with printf %q above: safe to eval
  # shellcheck disable=SC1091
  source "$dir/call.env"
  "${args[@]}" </dev/null >"$dir/sipp.out" 2>&1 9>&- &
  local pid=$! rc=0
  register_sipp "$pid"
  echo "$pid" >"$dir/sipp.pid"
  # Ctrl-C / SIGTERM on us stops sipp too.
  trap 'kill -TERM '"$pid"' 2>/dev/null || true' INT TERM HUP
  wait "$pid" || rc=$?
  # A trapped signal ends `wait` early: wait again for sipp's real exit.
  while kill -0 "$pid" 2>/dev/null; do rc=0; wait "$pid" || rc=$?; done
  trap - INT TERM HUP
  unregister_sipp "$pid"
  echo "$(call_summary "$dir" "$COUNT" "$TO") sipp exit $rc" | tee "$dir/summary"
  echo "$rc" >"$dir/exit-code"
  return $rc
}

# One line from the scenario's <log> lines (one per call outcome) and sipp's failure count.
call_summary() {
  local dir=$1 count=$2 to=$3 log="$1/calls.log" answered=0 by_sipp=0 by_ast=0 rejected=0 codes=""
  if [[ -f $log ]]; then
    answered=$(grep -c ' answered$' "$log" || true)
    by_sipp=$(grep -c ' hangup-by-sipp$' "$log" || true)
    by_ast=$(grep -c ' hangup-by-asterisk$' "$log" || true)
    rejected=$(grep -c ' rejected ' "$log" || true)
    codes=$(sed -n 's/.* rejected SIP\/2\.0 \([0-9]*\).*/\1/p' "$log" | sort | uniq -c | awk '{ printf "%s%sx%s", sep, $1, $2; sep = "," }')
  fi
  local failed
  # sipp's own verdict, from the last line of its statistics file (cumulative counters).
  failed=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") col = i }
                      { last = $0 } END { split(last, f, ";"); print (col ? f[col] : "?") }' \
           "$dir/stats.csv" 2>/dev/null || echo "?")
  printf 'call: %s call(s) to %s: %s answered (%s hung up by sipp, %s by Asterisk), %s rejected%s, %s failed;' \
    "$count" "$to" "$answered" "$by_sipp" "$by_ast" "$rejected" "${codes:+ ($codes)}" "$failed"
}

# Keeps the 50 newest call folders (their names are ours: no odd characters).
# shellcheck disable=SC2012
prune_call_dirs() {
  ls -1dt "$CALLS_DIR"/*/ 2>/dev/null | tail -n +51 | xargs -r rm -rf --
}

# ---------------------------------------------------------------------------------------------

main() {
  CMD=${1:-}
  (( $# )) && shift
  case $CMD in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    env) cmd_env "$@" ;;
    call) cmd_call "$@" ;;
    cli) cmd_cli "$@" ;;
    restart) cmd_restart "$@" ;;
    stop-asterisk) cmd_stop_asterisk "$@" ;;
    start-asterisk) cmd_start_asterisk "$@" ;;
    _run-sipp) run_sipp "$@" ;;   # internal: the detached half of `call --background`
    -h|--help|help) usage ;;
    "") usage >&2; exit 64 ;;
    *) say "unknown command '$CMD'"; usage >&2; exit 64 ;;
  esac
}

main "$@"
