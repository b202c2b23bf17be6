# shellcheck shell=bash
# Helpers for installing Debian packages from the project's scripts. Source this file.
#   apt_missing PKG...  prints the packages that dpkg does not report as installed
#   apt_ensure PKG...   installs the missing ones (apt-get update first, at most every 30 minutes)
# Needs root (or passwordless sudo). Installs without recommends: they pull in (and upgrade) a
# hundred packages such as systemd and perl that the tests do not need. dpkg runs with
# --force-unsafe-io (no fsync per file): these are throw-away test machines, and it is faster.
# apt's output goes to a log file, printed only when something fails.

apt_log() { echo "[$(basename "$0")] $*" >&2; }

apt_missing() {
  local pkg
  for pkg in "$@"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != "installed" ]; then
      printf '%s\n' "$pkg"
    fi
  done
}

apt_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    apt_log "need root to run: $*"
    return 1
  fi
}

# Where the time of the last successful 'apt-get update' made by these scripts is kept.
APT_STAMP=/var/lib/apt/lists/.jixiao-updated

apt_update() {
  local force=${1:-}
  if [ -z "$force" ] && [ -n "$(find "$APT_STAMP" -mmin -30 2>/dev/null)" ]; then
    return 0
  fi
  apt_log "apt-get update"
  apt_quietly env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q update &&
    apt_as_root touch "$APT_STAMP"
}

# Runs an apt command as root with its output in a log file; prints the log's end on failure.
apt_quietly() {
  local out rc=0
  out=$(mktemp /tmp/jixiao-apt.XXXXXX)
  apt_as_root "$@" >"$out" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    apt_log "failed ($rc): $*"
    tail -n 30 "$out" >&2
  fi
  rm -f "$out"
  return "$rc"
}

apt_ensure() {
  local missing
  mapfile -t missing < <(apt_missing "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  apt_log "installing ${missing[*]}"
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600
    -o Dpkg::Options::=--force-unsafe-io -q -y --no-install-recommends install "${missing[@]}")
  apt_update || true
  if ! apt_quietly "${install[@]}"; then
    # Package lists may be stale (a version that the mirror no longer has): refresh and retry once.
    apt_update force || return 1
    apt_quietly "${install[@]}" || return 1
  fi
  mapfile -t missing < <(apt_missing "$@")
  if [ "${#missing[@]}" -ne 0 ]; then
    apt_log "still missing after install: ${missing[*]}"
    return 1
  fi
}
