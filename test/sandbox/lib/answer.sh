# shellcheck shell=bash
# `answer`: sipp answering calls to a callee endpoint (erin), on the contact pjsip.conf gives it.

cmd_answer() {
  require_root
  local as=erin count=1
  while (( $# )); do
    case $1 in
      --as) as=${2:?--as needs a value}; shift 2 ;;
      --count) count=${2:?--count needs a value}; shift 2 ;;
      -h|--help) usage; return 0 ;;
      *) die "answer: unknown option '$1' (see: sandbox.sh --help)" ;;
    esac
  done
  [[ $as == erin ]] || die "answer: only erin has a contact to answer on (got '$as')"
  [[ $count =~ ^[1-9][0-9]*$ ]] || die "--count must be a positive integer (got '$count')"
  asterisk_running || DIE_CODE=3 die "Asterisk is not running; start it with: bash test/sandbox/sandbox.sh up"
  command -v sipp >/dev/null || die "sipp not found; run 'up' first (it installs Debian's sip-tester)"
  load_state || die "no sandbox state; run 'up' first"
  local port dir
  port=$(callee_port "$SIP_PORT")
  dir="$CALLS_DIR/$(date +%Y%m%d-%H%M%S)-answer-$$"
  mkdir -p "$dir"
  # sipp's own uas scenario: 180 and 200 to an INVITE, then it waits for the BYE. It answers
  # `count` calls and ends; `down` kills it if it is still waiting.
  setsid sipp -sn uas -i 127.0.0.1 -p "$port" -m "$count" -nostdin -trace_err -error_file "$dir/errors.log" </dev/null >"$dir/sipp.out" 2>&1 9>&- &
  local pid=$! i
  # A port still held (a sipp of an earlier run ending) makes sipp exit at once: say so.
  for (( i = 0; i < 5; i++ )); do
    sleep 0.1
    kill -0 "$pid" 2>/dev/null || die "sipp could not answer on 127.0.0.1:$port: $(tail -n 3 "$dir/sipp.out" | tr '\n' ' ')"
  done
  register_sipp "$pid"
  echo "$pid" >"$dir/sipp.pid"
  say "sipp answers $count call(s) to $as on 127.0.0.1:$port; files in $dir"
  echo "SIPP_PID=$pid"
}
