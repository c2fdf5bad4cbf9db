#!/usr/bin/env bash
# Tries the README's set-up on a genuinely fresh Debian, the way a new user would:
#
#   sudo tools/fresh-debian.sh [SUITE]        # bookworm (Python 3.11, the default) or trixie
#
# 1. `debootstrap --variant=minbase` of SUITE from the Debian mirror this machine's apt
#    uses, with only git, make, python3 and python3-venv added. The pristine system is
#    kept in $WORK/SUITE-base and copied afresh for every run.
# 2. As an ordinary user (no sudo on a minimal Debian): `make test` must stop at once and
#    print the complete `apt-get install …` line.
# 3. As root: exactly that line.
# 4. As the user again: `make test` must pass (the package test is skipped: it needs root).
# 5. As root, in a fresh clone: `make test` must pass, the package test included (it builds
#    the .deb with PyInstaller, checks it with lintian, installs, runs and purges it).
#    /opt starts empty here and must still be there afterwards.
#
# The repository goes in with `git clone` (the committed HEAD of this checkout). The chroot
# reaches Debian's mirror and PyPI like any machine; this machine's CA bundle is copied in
# and pip's `cert` points at it. /proc, /sys, /dev, /dev/pts and /dev/shm are bound in and
# unmounted at the end, whatever happens. Everything is logged to $WORK/SUITE.log;
# the summary at the end gives each step's result and duration.
#
# Environment: WORK (default /var/tmp/debrief-fresh), MIRROR (default: from apt's sources),
# STEPS (default "user-deps root-deps user-test root-test"; fewer to try one part, none to
# only prepare the chroot). One run per SUITE at a time: a second one waits for none, it
# stops.
set -euo pipefail

SUITE=${1:-bookworm}
WORK=${WORK:-/var/tmp/debrief-fresh}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BASE="$WORK/$SUITE-base"
ROOT="$WORK/$SUITE"
LOG="$WORK/$SUITE.log"
STEPS=${STEPS-"user-deps root-deps user-test root-test"}  # STEPS="" only prepares
NEWUSER=newuser
MOUNTS=(proc sys dev dev/pts dev/shm)

[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run as root (debootstrap, chroot, mount)" >&2; exit 2; }

mirror() {
  # The first Debian archive (not the security one) among apt's sources.
  local uri
  uri=$(grep -hoE '(URIs:|^deb) *https?://[^ ]+/debian/?( |$)' \
    /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list \
    2>/dev/null | grep -v security | head -n1 | awk '{print $2}') || true
  echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR=${MIRROR:-$(mirror)}

mounted() { findmnt --mountpoint "$1" >/dev/null 2>&1; }

unmount_all() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    if mounted "$ROOT/${MOUNTS[$i]}"; then
      umount "$ROOT/${MOUNTS[$i]}" || umount -l "$ROOT/${MOUNTS[$i]}"
    fi
  done
}

summary=()
note() { summary+=("$1"); echo "== $1" | tee -a "$LOG"; }

finish() {
  local status=$?
  unmount_all
  echo
  echo "fresh-debian $SUITE (mirror $MIRROR), log: $LOG"
  printf '  %s\n' "${summary[@]}"
  exit $status
}

in_chroot() {
  # A login-like clean environment: nothing of this machine's (pip settings, paths) leaks in.
  local user=$1
  shift
  local home=/root
  [ "$user" = root ] || home=/home/$user
  chroot --userspec="$user:$user" "$ROOT" /usr/bin/env -i HOME="$home" USER="$user" \
    LOGNAME="$user" SHELL=/bin/bash TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd ~ && $*"
}

timed() {
  # timed NAME USER COMMAND: runs it in the chroot, logs it, records result and duration.
  local name=$1 user=$2 command=$3 start status
  start=$(date +%s)
  echo "== $name: as $user: $command" >>"$LOG"
  set +e
  in_chroot "$user" "$command" >>"$LOG" 2>&1
  status=$?
  set -e
  LAST_STATUS=$status
  LAST_SECONDS=$(($(date +%s) - start))
  note "$name: exit $status after ${LAST_SECONDS}s"
}

mkdir -p "$WORK"
exec 9>"$WORK/$SUITE.lock"
flock -n 9 || { echo "fresh-debian: a $SUITE run is already going ($WORK/$SUITE.lock)" >&2; exit 1; }
: >"$LOG"
trap finish EXIT

in_use() {
  # Any process living in the chroot (its root or working folder inside it).
  local proc
  for proc in /proc/[0-9]*; do
    case "$(readlink "$proc/root" 2>/dev/null)/ $(readlink "$proc/cwd" 2>/dev/null)/" in
      "$ROOT"/* | *" $ROOT"/*) return 0 ;;
    esac
  done
  return 1
}

if [ ! -f "$BASE/.fresh-debian-base" ]; then
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
  rm -rf "$BASE"
  start=$(date +%s)
  debootstrap --variant=minbase --include=git,make,python3,python3-venv \
    "$SUITE" "$BASE" "$MIRROR" >>"$LOG" 2>&1
  echo "debootstrap --variant=minbase $SUITE $MIRROR" >"$BASE/.fresh-debian-base"
  note "debootstrap $SUITE: $(($(date +%s) - start))s"
fi

# A fresh copy of the pristine system for this run; never delete through live bind mounts
# (they are this machine's /dev, /proc and /sys), nor under processes still running there.
if in_use; then echo "fresh-debian: processes still run in $ROOT; not touching it" >&2; exit 1; fi
unmount_all
if grep -q " $ROOT/" /proc/self/mountinfo; then
  echo "fresh-debian: something is still mounted under $ROOT" >&2
  exit 1
fi
rm -rf --one-file-system "$ROOT"
cp -a "$BASE" "$ROOT"
for m in "${MOUNTS[@]}"; do
  mkdir -p "$ROOT/$m"
  mount --bind "/$m" "$ROOT/$m"
done
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# pip's own certificate bundle, kept apart from /etc/ssl/certs, which the chroot's own
# ca-certificates package may rewrite when something depends on it.
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/pip-ca.crt"
printf '[global]\ncert = /etc/pip-ca.crt\n' >"$ROOT/etc/pip.conf"
in_chroot root "useradd --create-home --shell /bin/bash $NEWUSER" >>"$LOG" 2>&1
python=$(in_chroot root 'python3 --version' 2>&1)
note "$SUITE: $python, $(in_chroot root 'dpkg-query -W -f="\${Version}" python3') from Debian"
note "sudo present: $(in_chroot root 'command -v sudo || echo no')"

# Every clone of this checkout's HEAD, exactly as `git clone` gives it to a new user.
clone() {
  in_chroot "$1" "git clone --quiet file:///srv/debrief.git debrief"
}
rm -rf "$ROOT/srv/debrief.git"
git clone --quiet --bare "$REPO" "$ROOT/srv/debrief.git"
chmod -R a+rX "$ROOT/srv/debrief.git"
in_chroot root "git config --system --add safe.directory '*'"
note "repository: $(git -C "$REPO" log -1 --format='%h %s' | cut -c1-80)"
clone "$NEWUSER"

for step in $STEPS; do
  case $step in
    user-deps)
      timed "user: make test on the fresh system" "$NEWUSER" "cd debrief && make test"
      line=$(grep -E 'apt-get install' "$LOG" | tail -n1 | sed -E 's/.*(apt-get install .*)/\1/')
      if [ "$LAST_STATUS" -eq 0 ] || [ -z "$line" ]; then
        note "FAILED: make test as a user did not stop with an apt-get line"
        exit 1
      fi
      note "printed: $(grep -E 'apt-get install' "$LOG" | tail -n1 | sed 's/^ *//')"
      ;;
    root-deps)
      [ -n "${line:-}" ] || { note "root-deps needs user-deps first"; exit 1; }
      timed "root: the printed line" root "DEBIAN_FRONTEND=noninteractive $line -y -q"
      ;;
    user-test)
      timed "user: make test" "$NEWUSER" "cd debrief && make test"
      note "user: $(grep -E '^=+ .*(passed|failed|error).* =+$' "$LOG" | tail -n1)"
      ;;
    root-test)
      clone root
      note "root: /opt before: $(ls -A "$ROOT/opt" | wc -l) entries"
      timed "root: make test" root "cd debrief && make test"
      note "root: $(grep -E '^=+ .*(passed|failed|error).* =+$' "$LOG" | tail -n1)"
      if [ -d "$ROOT/opt" ]; then note "root: /opt still there after the purge"; else
        note "FAILED: /opt was removed"
      fi
      deb=$(ls "$ROOT"/root/debrief/packaging/dist/*.deb 2>/dev/null | head -n1 || true)
      if [ -n "$deb" ]; then
        note "root: $(basename "$deb"): $(du -b "$deb" | awk '{printf "%.1f MiB", $1/1048576}')"
        timed "root: lintian" root \
          "lintian --fail-on error,warning debrief/packaging/dist/$(basename "$deb")"
      fi
      ;;
    *) echo "fresh-debian: unknown step $step" >&2; exit 2 ;;
  esac
done
