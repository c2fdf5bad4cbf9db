#!/usr/bin/env bash
# Builds Debrief.app and Debrief-<version>.dmg on macOS 12 or later, with Python 3.11+.
# Run from the repository root:  bash packaging/macos/build.sh
# Written alongside the Linux build but NOT run on the Linux machine it was developed on.
# The app is not signed or notarised: that needs an Apple Developer ID, which this project
# does not have; Gatekeeper will ask the user to confirm the first start (right-click ▸ Open).
set -euo pipefail
python3 -m venv .venv-package
.venv-package/bin/python -m pip install --upgrade pip
.venv-package/bin/python -m pip install . pyinstaller
.venv-package/bin/python packaging/render_icons.py packaging/build/icons
.venv-package/bin/pyinstaller --noconfirm --distpath packaging/dist --workpath packaging/build \
  packaging/debrief.spec
version=$(.venv-package/bin/python -c 'import desktop; print(desktop.__version__)')
app=packaging/dist/Debrief.app
# The frozen app must pass its own check before it is wrapped.
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/debrief" --data-dir "$(mktemp -d)" self-check
staging=$(mktemp -d)
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"  # drag-to-install
hdiutil create -volname "Debrief" -srcfolder "$staging" -ov -format UDZO \
  "packaging/dist/Debrief-$version.dmg"
echo "packaging/dist/Debrief-$version.dmg"
