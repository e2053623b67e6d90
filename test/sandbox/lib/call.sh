# shellcheck shell=bash
# `call`: SIP calls into an endpoint with sipp, in the foreground or detached.

# The caller name goes inside a SIP quoted-string: escape backslash and double quote
# (RFC 3261 quoted-pair) and turn control characters (CR/LF would inject headers) into spaces.
sip_quoted_string_body() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=$(printf '%s' "$s" | tr '\000-\037\177' ' ')
  printf '%s' "$s"
}

# The scenario's steps that send DTMF: each digit's RFC 4733 packets from the pcaps Debian's
# sip-tester ships, half a second apart (Asterisk reports each as ChannelDtmfReceived).
DTMF_PCAPS=/usr/share/sip-tester
dtmf_steps() {
  local digits=$1 i d name out=''
  for (( i = 0; i < ${#digits}; i++ )); do
    d=${digits:i:1}
    case $d in '*') name=star ;; '#') name=pound ;; *) name=$d ;; esac
    [[ -r $DTMF_PCAPS/dtmf_2833_$name.pcap ]] || die "--dtmf: $DTMF_PCAPS/dtmf_2833_$name.pcap is missing (Debian's sip-tester ships it)"
    out+="<nop><action><exec play_pcap_audio=\"$DTMF_PCAPS/dtmf_2833_$name.pcap\"/></action></nop><pause milliseconds=\"500\"/>"
  done
  printf '%s' "$out"
}

cmd_call() {
  require_root
  local to=alice count=1 rate=1 caller_name="Sandbox Caller" caller_number=1000 exten=100
  local hold=5 ring_timeout="" background=0 dtmf=""

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
      --dtmf) dtmf=${2:?--dtmf needs digits}; shift 2 ;;
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
  [[ -z $dtmf || $dtmf =~ ^[0-9*#]+$ ]] || die "--dtmf: the digits 0-9, * and # (got '$dtmf')"
  asterisk_running || DIE_CODE=3 die "Asterisk is not running; start it with: bash test/sandbox/sandbox.sh up"
  command -v sipp >/dev/null || die "sipp not found; run 'up' first (it installs Debian's sip-tester)"

  # One folder per call run: the scenario with the hold time filled in, sipp's output and logs.
  local dir hold_ms
  dir="$CALLS_DIR/$(date +%Y%m%d-%H%M%S)-$$"
  mkdir -p "$dir"
  prune_call_dirs
  # recv timeout="0" would mean "wait forever", so a zero hold becomes 1 ms.
  hold_ms=$(awk -v s="$hold" 'BEGIN { ms = int(s * 1000 + 0.5); print (ms < 1 ? 1 : ms) }')
  local steps
  steps=$(dtmf_steps "$dtmf") || exit $?
  sed -e "s/@HOLD_MS@/$hold_ms/g" -e "s|<!--@DTMF@-->|$steps|" "$SIPP_TEMPLATE" >"$dir/scenario.xml"

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
    # A detached copy of sandbox.sh runs sipp and writes exit-code and summary when it ends;
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
  eval "args=($(cat "$dir/command"))"   # written with printf %q by cmd_call: safe to eval
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
