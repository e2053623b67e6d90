# shellcheck shell=bash
# The sipp processes `call` started, tracked by pid and start time so that `down` kills only them.

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
