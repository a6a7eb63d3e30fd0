; Inno Setup script: packs dist\migrator\ into dist\migrator-setup.exe
#define AppVersion "0.1.0"
[Setup]
AppName=migrator
AppVersion={#AppVersion}
DefaultDirName={autopf}\migrator
DefaultGroupName=migrator
OutputDir=..\..\dist
OutputBaseFilename=migrator-setup
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
[Files]
Source: "..\..\dist\migrator\*"; DestDir: "{app}"; Flags: recursesubdirs
[Icons]
Name: "{group}\migrator"; Filename: "{app}\migrator.exe"
[Registry]
Root: HKA; Subkey: "Software\Classes\.migration"; ValueType: string; ValueData: "migrator.migration"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\migrator.migration\shell\open\command"; ValueType: string; ValueData: """{app}\migrator.exe"" ""%1"""
