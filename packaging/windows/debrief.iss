; Inno Setup 6 script: a per-user installer for Debrief (no administrator rights asked).
; Built on Windows by packaging/windows/build.ps1, after PyInstaller has made
; packaging\dist\debrief\ from packaging/debrief.spec:
;   iscc /DAppVersion=0.1.0 packaging\windows\debrief.iss
; NOT built or run on the Linux machine this project is developed on; see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Debrief"
#define AppExe "debrief.exe"

[Setup]
; Never change AppId: it is how upgrades and the uninstaller find an installed Debrief.
AppId={{6B0E7A52-3C1D-4F2B-9E61-5D8A0C4B7F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Debrief developers
AppComments=Offline companion for the weeks after a job interview
; Per user: installs under %LOCALAPPDATA%\Programs, writes only HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=Debrief-{#AppVersion}-setup
SetupIconFile=..\build\icons\debrief.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Debrief may be running in the tray: ask it to close rather than replace files under it.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "startatlogin"; Description: "Start Debrief in the tray when I log in"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "..\dist\debrief\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The same value Debrief's own Preferences ▸ Start at login writes (desktop/tray/autostart.py),
; so either can turn it off; removed on uninstall in both cases.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"" --background"; \
  Tasks: startatlogin; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueName: "{#AppName}"; \
  ValueType: none; Flags: uninsdeletevalue dontcreatekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; \
  Flags: nowait postinstall skipifsilent

[UninstallRun]
; A running Debrief holds its database open: stop it before its files go.
Filename: "{sys}\taskkill.exe"; Parameters: "/im {#AppExe} /f"; Flags: runhidden; RunOnceId: "StopDebrief"

; The user's data (%APPDATA%\Debrief) is theirs: the uninstaller leaves it, as the
; Linux package does.
