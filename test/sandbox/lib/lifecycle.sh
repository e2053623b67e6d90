# shellcheck shell=bash
# The commands that start and stop the sandbox: up, down, stop-asterisk, start-asterisk, restart,
# and cli.

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
