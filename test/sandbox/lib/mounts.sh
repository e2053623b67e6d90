# shellcheck shell=bash
# The chroot's mounts: proc and /dev while it runs, and whatever an interrupted build left.

# Mount points under $ROOT that are mounted now, deepest first (safe unmount order).
mounts_under_root() {
  awk -v root="$ROOT" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/mounts | sort -r
}

is_mounted() { awk -v p="$1" '$2 == p { found = 1 } END { exit !found }' /proc/mounts; }

mount_chroot() {
  mkdir -p "$RUN_DIR"
  if ! is_mounted "$ROOT/proc"; then
    say "mounting proc and /dev into the chroot"
    mount -t proc proc "$ROOT/proc"
    echo "$ROOT/proc" >>"$MOUNTS_FILE"
  fi
  if ! is_mounted "$ROOT/dev"; then
    # Asterisk needs /dev/null, /dev/urandom; a plain (non-recursive) bind keeps /dev/pts and
    # /dev/shm out, so unmounting is one umount.
    mount --bind /dev "$ROOT/dev"
    echo "$ROOT/dev" >>"$MOUNTS_FILE"
  fi
}

# Unmounts everything below $ROOT: what `up` mounted and anything an interrupted debootstrap
# left (it mounts proc and sys itself). Only ever paths inside our own chroot.
unmount_chroot() {
  local m left
  for m in $(mounts_under_root); do
    say "unmounting $m"
    umount "$m" 2>/dev/null || umount -l "$m" || say "WARNING: could not unmount $m"
  done
  rm -f "$MOUNTS_FILE"
  left=$(mounts_under_root)
  [[ -z $left ]] || die "still mounted under the chroot: $left"
}
