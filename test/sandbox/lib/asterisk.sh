# shellcheck shell=bash
# The Asterisk process: its state file, start, the wait for ARI, stop, and the CLI.

# Reads STATE_FILE into PID, START_TIME, ARI_PORT, SIP_PORT; returns 1 when there is none.
load_state() {
  # shellcheck disable=SC2034 # the commands read ARI_PORT and SIP_PORT
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
