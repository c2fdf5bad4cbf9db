#!/usr/bin/env bash
# Makes sure the Debian packages Debrief needs are present.
#   tools/system-deps.sh venv   python3-venv, so `make` can create .venv
#   tools/system-deps.sh run    Qt's xcb libraries and notify-send, to show the window
#   tools/system-deps.sh package  the tools that build and check the .deb
#   tools/system-deps.sh test   all of the above plus Xvfb, D-Bus, dunst, trayer, xdotool,
#                               imagemagick, strace
# As root, missing packages are installed; otherwise the exact apt-get line is printed and
# the script fails, so nothing half-works.
set -euo pipefail

run_pkgs=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libnotify-bin)
package_pkgs=(dpkg-dev binutils xz-utils lintian desktop-file-utils appstream)
test_pkgs=("${run_pkgs[@]}" "${package_pkgs[@]}" xvfb xauth dbus-x11 dunst trayer imagemagick x11-utils xdotool
  strace)

case "${1:-}" in
  venv)
    if python3 -c 'import ensurepip, venv' 2>/dev/null; then exit 0; fi
    pkgs=(python3-venv) ;;
  run) pkgs=("${run_pkgs[@]}") ;;
  package) pkgs=("${package_pkgs[@]}") ;;
  test) pkgs=("${test_pkgs[@]}") ;;
  *) echo "usage: $0 venv|run|package|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install the equivalents of: ${pkgs[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Debrief needs these Debian packages. Please run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
