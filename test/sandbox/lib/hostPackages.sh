# shellcheck shell=bash
# Host packages: debootstrap, sipp (Debian's sip-tester), Python's requests and curl.

# Installs debootstrap, sipp and python3-requests on the host when missing. `apt-get update`
# runs only when apt does not know a package yet (a fresh machine may have empty package lists).
ensure_host_packages() {
  command -v apt-get >/dev/null || die "apt-get not found: the sandbox needs a Debian/Ubuntu host"
  local missing=() pkg
  for pkg in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  command -v curl >/dev/null || missing+=(curl)
  (( ${#missing[@]} )) || return 0
  mkdir -p "$LOG_DIR"
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    say "apt-get update (package lists do not know ${missing[*]} yet)"
    apt-get update >>"$BUILD_LOG" 2>&1 || die "apt-get update failed; see $BUILD_LOG"
  fi
  say "installing host packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
    >>"$BUILD_LOG" 2>&1 || die "apt-get install ${missing[*]} failed; see $BUILD_LOG"
}
