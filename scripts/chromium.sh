#!/usr/bin/env bash
# Ensures Debian's Chromium and the Noto CJK fonts for the browser tests; prints the browser's path.
#
#   scripts/chromium.sh          prints  /usr/bin/chromium
#   scripts/chromium.sh --env    prints  export JIXIAO_CHROMIUM='/usr/bin/chromium'
#
# Idempotent: apt-get runs only when dpkg says chromium or fonts-noto-cjk is missing (about 45 s on
# a fresh machine, after apt-get update). Installs without recommends. Playwright never downloads a
# browser in this project: the tests launch this binary through ExecutablePath.
# Only the path goes to stdout; progress and errors go to stderr. Exit code 0 = ready.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/apt.sh
. "$here/lib/apt.sh"

mode=plain
case "${1:-}" in
  "") ;;
  --env) mode=env ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--env]" >&2; exit 2 ;;
esac
log() { echo "[chromium.sh] $*" >&2; }
started=$(date +%s%N)

# Two work trees may run this at once; apt has its own lock, this keeps the messages sane.
exec 9>>/tmp/jixiao-chromium.lock
flock -w 600 9 || { log "ERROR: another scripts/chromium.sh has held the lock for 10 minutes"; exit 1; }

if ! apt_ensure chromium fonts-noto-cjk; then
  log "ERROR: could not install chromium and fonts-noto-cjk from Debian"
  exit 1
fi
browser=/usr/bin/chromium
if [ ! -x "$browser" ]; then
  log "ERROR: $browser is missing although the chromium package is installed"
  exit 1
fi
if ! version=$(timeout 30 "$browser" --version 2>/dev/null); then
  log "ERROR: $browser --version failed"
  exit 1
fi
log "ready: $version ($(( ($(date +%s%N) - started) / 1000000 )) ms)"
if [ "$mode" = env ]; then
  printf "export JIXIAO_CHROMIUM='%s'\n" "$browser"
else
  printf '%s\n' "$browser"
fi
