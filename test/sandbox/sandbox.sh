#!/usr/bin/env bash
# Stasis Explorer test sandbox: a real Asterisk 22 (Debian sid package) in a debootstrap chroot,
# plus sipp to place real SIP calls into it. See test/sandbox/README.md.
#
#   bash test/sandbox/sandbox.sh up|down|status|env|call|answer|cli|restart|stop-asterisk|start-asterisk
#
# Everything heavy (the ~450 MB chroot, logs, pid files) lives outside the repo in
# $STASIS_SANDBOX_DIR (default /var/cache/stasis-explorer/sandbox). Progress goes to stderr as
# "[sandbox] ..." lines; machine-readable output (env, status, call summary) goes to stdout.
# shellcheck source-path=SCRIPTDIR # the parts are sourced from lib/ next to this script
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The parts, in test/sandbox/lib/, each one concept; they only define variables and functions.
source "$SCRIPT_DIR/lib/settings.sh"
source "$SCRIPT_DIR/lib/output.sh"
source "$SCRIPT_DIR/lib/usage.sh"
source "$SCRIPT_DIR/lib/guards.sh"
source "$SCRIPT_DIR/lib/hostPackages.sh"
source "$SCRIPT_DIR/lib/mounts.sh"
source "$SCRIPT_DIR/lib/build.sh"
source "$SCRIPT_DIR/lib/config.sh"
source "$SCRIPT_DIR/lib/asterisk.sh"
source "$SCRIPT_DIR/lib/sippProcesses.sh"
source "$SCRIPT_DIR/lib/lifecycle.sh"
source "$SCRIPT_DIR/lib/status.sh"
source "$SCRIPT_DIR/lib/call.sh"
source "$SCRIPT_DIR/lib/answer.sh"

main() {
  CMD=${1:-}
  (( $# )) && shift
  case $CMD in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    env) cmd_env "$@" ;;
    call) cmd_call "$@" ;;
    answer) cmd_answer "$@" ;;
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
