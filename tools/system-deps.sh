#!/usr/bin/env bash
# Makes sure the Debian packages Debrief needs are present.
#   tools/system-deps.sh venv     python3-venv, so `make` can create .venv
#   tools/system-deps.sh run      Qt's xcb libraries and notify-send, to show the window
#   tools/system-deps.sh package  the tools that build and check the .deb, and Debian's
#                                 libpython3.X when python3 is Debian's own (PyInstaller
#                                 bundles that shared library; Debian ships it apart)
#   tools/system-deps.sh test     all of the above plus Xvfb, D-Bus, dunst, trayer, xdotool,
#                                 imagemagick, strace
# Several kinds may be given at once; `make` checks everything its goal needs before it
# creates .venv, so a new user gets one complete line, not one line per step.
# As root, missing packages are installed; otherwise the exact apt-get line is printed and
# the script fails, so nothing half-works.
set -euo pipefail

run_pkgs=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libnotify-bin)
package_pkgs=(dpkg-dev binutils xz-utils lintian desktop-file-utils appstream)
test_pkgs=(xvfb xauth dbus-x11 dunst trayer imagemagick x11-utils xdotool strace)

# The Python that builds the .deb: the virtual environment's, else the one `make` uses.
python=${PYTHON:-python3}
[ -x .venv/bin/python ] && python=.venv/bin/python

debian_libpython() {
  # Prints libpython3.X when this Python is Debian's own (its interpreter belongs to a
  # Debian package); a self-built one (pyenv, /usr/local) carries its shared library.
  local found
  found=$("$python" -c 'import os, sys
base = getattr(sys, "_base_executable", sys.executable)
print(os.path.realpath(base), "%d.%d" % sys.version_info[:2])' 2>/dev/null) || return 0
  local executable=${found% *} version=${found##* }
  if dpkg-query -S "$executable" >/dev/null 2>&1 || dpkg-query -S "${executable#/usr}" >/dev/null 2>&1; then
    echo "libpython$version"
  fi
}

[ $# -gt 0 ] || { echo "usage: $0 venv|run|package|test..." >&2; exit 2; }
pkgs=()
for kind in "$@"; do
  case $kind in
    venv)
      "${PYTHON:-python3}" -c 'import ensurepip, venv' 2>/dev/null || pkgs+=(python3-venv) ;;
    run) pkgs+=("${run_pkgs[@]}") ;;
    package) pkgs+=("${package_pkgs[@]}") ;;
    test) pkgs+=("${run_pkgs[@]}" "${package_pkgs[@]}" "${test_pkgs[@]}") ;;
    *) echo "usage: $0 venv|run|package|test..." >&2; exit 2 ;;
  esac
  if [ "$kind" = package ] || [ "$kind" = test ]; then
    lib=$(debian_libpython)
    if [ -n "$lib" ]; then pkgs+=("$lib"); fi
  fi
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  [ ${#pkgs[@]} -eq 0 ] ||
    echo "system-deps: not a Debian/Ubuntu system; install the equivalents of: ${pkgs[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${pkgs[@]}"; do
  [[ " ${missing[*]} " == *" $pkg "* ]] && continue
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
  echo "Debrief needs these Debian packages. Please run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
else
  # A minimal Debian has no sudo: the line is for a root shell (`su -`).
  echo "Debrief needs these Debian packages. As root, run:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
