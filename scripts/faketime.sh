#!/usr/bin/env bash
# Ensures libfaketime's `faketime` (Debian package faketime) and checks that it sets the clock a program
# sees; prints its path. scripts/test runs some test projects under it at other dates (docs/testing.md,
# "A fixed clock"), to prove no test depends on the machine's date.
#
#   scripts/faketime.sh          prints  /usr/bin/faketime
#   scripts/faketime.sh --env    prints  export JIXIAO_FAKETIME='/usr/bin/faketime'
#
# Idempotent: apt-get runs only when dpkg says faketime is missing (a few seconds after apt-get update).
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
log() { echo "[faketime.sh] $*" >&2; }

# Two work trees may run this at once; apt has its own lock, this keeps the messages sane.
exec 9>>/tmp/jixiao-faketime.lock
flock -w 600 9 || { log "ERROR: another scripts/faketime.sh has held the lock for 10 minutes"; exit 1; }

if ! apt_ensure faketime; then
  log "ERROR: could not install faketime from Debian"
  exit 1
fi
tool=/usr/bin/faketime
if [ ! -x "$tool" ]; then
  log "ERROR: $tool is missing although the faketime package is installed"
  exit 1
fi
# The clock starts at the given instant and runs on ('@'): timers and time-outs behave as usual.
seen=$("$tool" -f '@2027-06-15 09:00:00' date -u +%F 2>/dev/null || true)
if [ "$seen" != 2027-06-15 ]; then
  log "ERROR: faketime does not set the clock (date printed '$seen', expected 2027-06-15)"
  exit 1
fi
log "ready: $tool"
if [ "$mode" = env ]; then
  printf "export JIXIAO_FAKETIME='%s'\n" "$tool"
else
  printf '%s\n' "$tool"
fi
