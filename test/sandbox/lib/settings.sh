# shellcheck shell=bash disable=SC2034 # the other parts read these
# Where the sandbox keeps its state, and the settings every command reads. Sourced by sandbox.sh,
# which sets SCRIPT_DIR first.
#
# Everything heavy (the ~450 MB chroot, logs, pid files) lives outside the repo in
# $STASIS_SANDBOX_DIR (default /var/cache/stasis-explorer/sandbox).

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
# python3-requests: test/integration/consoleSnippets.test.ts runs the console's Python snippets.
HOST_PACKAGES=(debootstrap sip-tester python3-requests)

REQ_ARI_PORT=${STASIS_SANDBOX_ARI_PORT:-8088}
REQ_SIP_PORT=${STASIS_SANDBOX_SIP_PORT:-5060}
PING_TIMEOUT=${STASIS_SANDBOX_PING_TIMEOUT:-60}

# Must match test/sandbox/config/ari.conf.
ARI_USERNAME=asterisk
ARI_PASSWORD=sandbox-ari-secret
ARI_VIEWER_USERNAME=viewer
ARI_VIEWER_PASSWORD=viewer
