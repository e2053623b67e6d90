# shellcheck shell=bash
# The commands that report on the sandbox: status and env.

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
