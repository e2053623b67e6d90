# shellcheck shell=bash
# The --help text.

usage() {
  cat <<'EOF'
usage: sandbox.sh <command> [options]

  up                 build the chroot once (cached), write config, start Asterisk, wait for ARI
  down               stop Asterisk and any sipp started here, unmount the chroot's proc/dev
  status             built? running? ARI URL and version (exit 0 healthy, 3 not running, 4 unhealthy)
  env                print ARI_URL=... ARI_USERNAME=... lines for the running sandbox
  call [options]     place SIP call(s) with sipp into an endpoint
      --to ENDPOINT        alice (stasis-ari-example1) | bob (ari-example2) | carol (demo-ivr) | dave (ari-pair); default alice
      --count N            number of calls (default 1)
      --rate R             calls per second (default 1)
      --caller-name TEXT   caller id name (any text; default "Sandbox Caller")
      --caller-number NUM  caller id number (default 1000)
      --exten EXTEN        dialled number / request URI user (default 100)
      --hold S             seconds to stay up after answer before sipp sends BYE (default 5)
      --dtmf DIGITS        once answered, send these DTMF digits (0-9 * #, RFC 4733), half a second apart
      --ring-timeout S     CANCEL a call that gets no answer or other reply for S seconds
                           (it then counts as failed; default: wait as long as it rings);
                           --timeout S is the same option
      --background         return at once; `down` kills the sipp left running
  answer [options]   answer calls to erin with sipp (on erin's contact: the SIP port + 11), in the
                     background; `down` kills it if it still waits
      --as erin            the callee (only erin has a contact)
      --count N            calls to answer before it ends (default 1)
  cli "COMMAND"      run an Asterisk CLI command (asterisk -rx) and print its output
  restart            stop and start Asterisk again (mounts stay)
  stop-asterisk      stop Asterisk only
  start-asterisk     start Asterisk only, wait for ARI

env: STASIS_SANDBOX_DIR (default /var/cache/stasis-explorer/sandbox),
     STASIS_SANDBOX_ARI_PORT (8088), STASIS_SANDBOX_SIP_PORT (5060),
     STASIS_SANDBOX_PING_TIMEOUT (60 s), STASIS_SANDBOX_MIRROR (default: from apt's sources)
EOF
}
