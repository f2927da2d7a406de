<#
.SYNOPSIS
Install the Estimates add-in for one Windows user: a virtual environment with the
estimates-addin wheel (and its pinned xlwings), the user's xlwings.conf naming that
Python, and Estimates.xltm in the Workgroup Templates folder.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File install.ps1 -Wheel \\it\share\estimates_addin-0.1.0-py3-none-any.whl

.NOTES
Run as the clerk (per user), e.g. from a logon script or Intune. Windows PowerShell 5.1.
Workgroup Templates is the folder Group Policy sets (User Configuration > Administrative
Templates > Microsoft Office 2016 > Shared paths > Workgroup templates path); without it
the user's own templates folder is used. Put the folder in Trusted Locations (README).
#>
param(
    [Parameter(Mandatory = $true)][string]$Wheel,
    [string]$Python = "py",
    [string[]]$PythonArgs = @("-3"),
    [string]$InstallDir = (Join-Path $env:LOCALAPPDATA "Estimates"),
    [string]$TemplatesDir = "",
    [string[]]$PipArgs = @(),
    # Rebuild Estimates.xltm even when one of this template version is there
    # (without it an existing template, which IT may have signed, is kept).
    [switch]$Force
)
$ErrorActionPreference = "Stop"

function Stop-Install([string]$Message, [int]$Code = 1) {
    [Console]::Error.WriteLine("Estimates: $Message")
    exit $Code
}

function Get-WorkgroupTemplates {
    $keys = @(
        "HKCU:\Software\Policies\Microsoft\Office\16.0\Common\General",
        "HKCU:\Software\Microsoft\Office\16.0\Common\General"
    )
    foreach ($key in $keys) {
        $value = (Get-ItemProperty -Path $key -Name SharedTemplates -ErrorAction SilentlyContinue).SharedTemplates
        if ($value) { return [Environment]::ExpandEnvironmentVariables($value) }
    }
    return (Join-Path $env:APPDATA "Microsoft\Templates")
}

if (-not (Test-Path $Wheel)) { Stop-Install "wheel not found: $Wheel" 2 }
if (-not $TemplatesDir) { $TemplatesDir = Get-WorkgroupTemplates }
$venv = Join-Path $InstallDir "venv"

# The template goes last, but an unwritable templates folder is found first,
# before anything is installed.
try {
    New-Item -ItemType Directory -Force -Path $TemplatesDir | Out-Null
    $probe = Join-Path $TemplatesDir ".estimates-write-test"
    [IO.File]::WriteAllText($probe, "")
    Remove-Item -LiteralPath $probe
} catch {
    Stop-Install "cannot write to the templates folder $TemplatesDir; nothing was installed (give -TemplatesDir or ask IT for access)"
}

Write-Host "Estimates: making the environment in $venv"
& $Python @PythonArgs -m venv $venv
if ($LASTEXITCODE -ne 0) { Stop-Install "could not make the venv with $Python" }
$py = Join-Path $venv "Scripts\python.exe"
& $py -m pip install --quiet @PipArgs $Wheel
if ($LASTEXITCODE -ne 0) { Stop-Install "pip could not install $Wheel" }

# xlwings reads "KEY","value" lines with VBA's Input #, in the ANSI code page.
$confDir = Join-Path $env:USERPROFILE ".xlwings"
$conf = Join-Path $confDir "xlwings.conf"
New-Item -ItemType Directory -Force -Path $confDir | Out-Null
$lines = @()
if (Test-Path $conf) {
    $lines = @(Get-Content $conf | Where-Object { $_ -notmatch '^"INTERPRETER_WIN"' })
}
$lines += '"INTERPRETER_WIN","' + $py + '"'
$ansi = [System.Text.Encoding]::GetEncoding([Globalization.CultureInfo]::CurrentCulture.TextInfo.ANSICodePage)
[IO.File]::WriteAllLines($conf, [string[]]$lines, $ansi)
Write-Host "Estimates: wrote $conf"

$template = Join-Path $TemplatesDir "Estimates.xltm"
# It prints what it did: built, replaced (another template version, or -Force),
# or kept (already this version, with any signature IT added).
$keep = @("--keep-current")
if ($Force) { $keep = @("--force") }
& (Join-Path $venv "Scripts\estimates.exe") template -o $template @keep
if ($LASTEXITCODE -ne 0) { Stop-Install "could not build $template" }
Write-Host "Estimates: installed. In Excel: File > New > Shared (or Personal) > Estimates."
