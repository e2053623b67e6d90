# shellcheck shell=bash
# Asterisk's configuration inside the chroot: our templates with the ports filled in, and the
# folders Asterisk writes to.

# Where the `answer` command's sipp answers calls to erin (pjsip.conf gives erin that contact).
callee_port() { echo $(( $1 + 11 )); }

render_config() {
  local ari_port=$1 sip_port=$2 etc="$ROOT/etc/asterisk" f
  say "writing config to $etc (ARI port $ari_port, SIP port $sip_port, erin answers on $(callee_port "$sip_port"))"
  # Only our files: Debian's samples enable modules (and ports) we do not want.
  rm -rf "$etc"
  mkdir -p "$etc"
  for f in "$CONFIG_TEMPLATES"/*.conf; do
    sed -e "s/@ARI_PORT@/$ari_port/g" -e "s/@SIP_PORT@/$sip_port/g" -e "s/@CALLEE_PORT@/$(callee_port "$sip_port")/g" "$f" >"$etc/$(basename "$f")"
  done
}

# Asterisk runs as user asterisk (with -U root it drops capabilities and then cannot read its
# own config), so everything it writes must belong to it.
prepare_dirs() {
  # Inside the chroot: there /var/run is a symlink to an absolute /run, which from the host
  # would point at the host's own /run.
  # Recordings go to /var/spool/asterisk/recording, which Debian's package does not make: without
  # it every POST …/record answers 500 (docs/ari-behaviour.md#recordings).
  chroot "$ROOT" /bin/sh -c 'mkdir -p /var/run/asterisk /var/spool/asterisk/recording &&
    chown -R asterisk:asterisk /etc/asterisk /var/lib/asterisk /var/log/asterisk \
      /var/spool/asterisk /var/run/asterisk'
}
