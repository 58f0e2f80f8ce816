; Inno Setup 6 recipe for Hembesök on Windows (x64).
;
; Input:  dist\hembesok\ as built by `python packaging\build.py` ON WINDOWS (hembesok.exe
;         without a console window, hembesok-cli.exe with one, and _internal\).
; Output: dist\installer\hembesok-setup-<version>.exe
; Build:  "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\hembesok.iss
;
; * Per-user install, no administrator rights: {userpf} is %LOCALAPPDATA%\Programs.
; * A Start-menu shortcut (the user's own Start menu) to hembesok.exe; an optional desktop icon.
; * Uninstalling removes the program folder only. The nurse's encrypted store lives elsewhere,
;   in %LOCALAPPDATA%\hembesok (platformdirs' user data folder; or wherever --data-dir /
;   HEMBESOK_DATA_DIR points), and is KEPT; the uninstaller says so before and after. The
;   application's preferences (QSettings, HKCU\Software\Hembesok) are kept too; they hold no
;   personal data.
; * Swedish wizard text: Inno Setup ships no Swedish.isl. Put the unofficial translation
;   (Swedish.isl from Inno Setup's "translations" page) beside this file and it is used;
;   without it the wizard is in English. Our own messages below are in both languages.
; * Not compiled or run on Windows here (the project's CI is Linux): see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Hembesök"
#define AppExe "hembesok.exe"
#define DistDir "..\..\dist\hembesok"

[Setup]
; The AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{6B0E3C52-7D1A-4F4B-9C8E-2F5A4E1B7D93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hembesök
DefaultDirName={userpf}\Hembesok
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=hembesok-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; close a running Hembesök (it saves drafts continuously) before files are replaced
CloseApplications=yes
RestartApplications=no
; uncomment once the region has a code-signing certificate (see packaging/README.md):
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
#if FileExists(AddBackslash(SourcePath) + "Swedish.isl")
Name: "sv"; MessagesFile: "Swedish.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
; Replaces "completely remove ... and all of its components", which would not be true.
ConfirmUninstall=Programmet %1 tas bort från datorn. Din krypterade journaldatabas och dina inställningar tas INTE bort.%n%n%1 will be removed from this computer. Your encrypted store and your settings are NOT removed.%n%nFortsätt? / Continue?

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[InstallDelete]
; an upgrade replaces the whole runtime, so no module of an older version lingers
Type: filesandordirs; Name: "{app}\_internal"

[UninstallDelete]
; only the program folder (caches Python may have written there); never the data folder
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\hembesok');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent()) then
  begin
    if DirExists(DataFolder()) then
      MsgBox('Hembesök är borttaget. Din krypterade journaldatabas finns kvar i' + #13#10 +
        DataFolder() + #13#10 +
        'Radera mappen själv om datorn ska lämnas vidare (efter att allt är synkat).' + #13#10#13#10 +
        'Hembesök was removed. Your encrypted store was kept in' + #13#10 +
        DataFolder() + #13#10 +
        'Delete that folder yourself if the computer is handed on (after everything was synced).',
        mbInformation, MB_OK)
    else
      MsgBox('Hembesök är borttaget. Inga data raderades.' + #13#10 +
        'Hembesök was removed. No data was deleted.', mbInformation, MB_OK);
  end;
end;
