# Builds Debrief-<version>-setup.exe on Windows. Needs Python 3.11+ and Inno Setup 6 (iscc on
# PATH, e.g. `choco install innosetup`). Run from the repository root:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Written alongside the Linux build but NOT run on the Linux machine it was developed on.
$ErrorActionPreference = "Stop"
python -m venv .venv-package
.\.venv-package\Scripts\python -m pip install --upgrade pip
.\.venv-package\Scripts\python -m pip install . pyinstaller
.\.venv-package\Scripts\python packaging\render_icons.py packaging\build\icons
.\.venv-package\Scripts\pyinstaller --noconfirm --distpath packaging\dist --workpath packaging\build packaging\debrief.spec
$version = .\.venv-package\Scripts\python -c "import desktop; print(desktop.__version__)"
iscc "/DAppVersion=$version" packaging\windows\debrief.iss
# The frozen app must pass its own check before anyone installs it.
$check = Start-Process -FilePath packaging\dist\debrief\debrief.exe -Wait -PassThru -NoNewWindow `
  -ArgumentList "--data-dir", "$env:TEMP\debrief-self-check", "self-check"
if ($check.ExitCode -ne 0) { throw "self-check failed" }
