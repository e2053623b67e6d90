# shellcheck shell=bash
# Building the chroot: once, cached until BUILD_RECIPE changes.

debian_mirror() {
  if [[ -n ${STASIS_SANDBOX_MIRROR:-} ]]; then echo "$STASIS_SANDBOX_MIRROR"; return; fi
  local m=""
  # deb822 sources (Debian 12 default), then the one-line format.
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    m=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources \
        | grep -v -- '-security' | head -1)
  fi
  if [[ -z $m && -f /etc/apt/sources.list ]]; then
    m=$(awk '$1 == "deb" && $2 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [[ -n $m ]] || die "cannot find a Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; set STASIS_SANDBOX_MIRROR"
  echo "$m"
}

is_built() { [[ -f $STAMP ]] && grep -qx "recipe=$BUILD_RECIPE" "$STAMP"; }

build_failed() {
  say "build FAILED; last lines of $BUILD_LOG:"
  tail -n 15 "$BUILD_LOG" | sed 's/^/[sandbox]   | /' >&2
  unmount_chroot || true
  die "build failed; full log: $BUILD_LOG"
}

build_chroot() {
  if is_built; then
    say "chroot already built ($ROOT, $(sed -n 's/^asterisk=//p' "$STAMP"))"
    return
  fi
  mkdir -p "$LOG_DIR"
  printf '\n===== %s build (recipe %s)\n' "$(date -u +%FT%TZ)" "$BUILD_RECIPE" >>"$BUILD_LOG"
  local started=$SECONDS mirror
  # A missing stamp means no build or an interrupted one: start from scratch. Unmount first,
  # and never cross into another file system, so a leftover /dev bind can never be deleted.
  if [[ -e $ROOT ]]; then
    say "removing incomplete chroot $ROOT"
    unmount_chroot
    rm -rf --one-file-system "$ROOT"
  fi
  rm -f "$STAMP"
  mirror=$(debian_mirror)
  say "building the chroot (first time only, about a minute); log: $BUILD_LOG"
  say "debootstrap --variant=minbase $DEBIAN_SUITE from $mirror"
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$ROOT" "$mirror" >>"$BUILD_LOG" 2>&1 || build_failed
  mount_chroot
  # Music on hold files come from a package Asterisk only recommends
  # (see test/sandbox/config/musiconhold.conf).
  say "apt-get install asterisk asterisk-moh-opsound-gsm inside the chroot"
  # The mirror may be a frozen snapshot whose sid Release file has expired: hence
  # Check-Valid-Until=false.
  chroot "$ROOT" /bin/sh -c '
      set -e
      apt-get -o Acquire::Check-Valid-Until=false update
      DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Check-Valid-Until=false \
        install -y --no-install-recommends asterisk asterisk-moh-opsound-gsm
      apt-get clean' >>"$BUILD_LOG" 2>&1 || build_failed
  # Keep Debian's sample configuration for reference; /etc/asterisk will hold only ours.
  rm -rf "$ROOT/etc/asterisk.debian"
  mv "$ROOT/etc/asterisk" "$ROOT/etc/asterisk.debian"
  local version
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's format, not ours
  version=$(chroot "$ROOT" dpkg-query -W -f='${Version}' asterisk 2>/dev/null || echo unknown)
  printf 'recipe=%s\nasterisk=%s\nmirror=%s\nbuilt=%s\n' \
    "$BUILD_RECIPE" "$version" "$mirror" "$(date -u +%FT%TZ)" >"$STAMP"
  say "chroot built in $((SECONDS - started)) s (asterisk $version)"
}
