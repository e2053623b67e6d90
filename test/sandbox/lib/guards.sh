# shellcheck shell=bash
# Checks a command makes before it changes anything.

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
