# The course's launcher on Windows (PowerShell): finds a Python 3.9 or newer and runs launcher\,
# where its logic is written once for every platform (course on Linux and macOS, course.cmd in
# the Command Prompt). ".\course.ps1 --help" lists the commands. DLCOURSE_PYTHON names a Python.
$env:DLCOURSE_PROG = '.\course.ps1'
$launcher = Join-Path $PSScriptRoot 'launcher'
$check = 'import sys; sys.exit(sys.version_info < (3, 9))'
$candidates = @()
if ($env:DLCOURSE_PYTHON) { $candidates += , @($env:DLCOURSE_PYTHON) }
$candidates += , @('py', '-3')
$candidates += , @('python')
foreach ($candidate in $candidates) {
    $program = $candidate[0]
    $first = @($candidate | Select-Object -Skip 1)
    if (-not (Get-Command $program -ErrorAction SilentlyContinue)) { continue }
    & $program @first -c $check *> $null
    if ($LASTEXITCODE -eq 0) {
        & $program @first $launcher @args
        exit $LASTEXITCODE
    }
}
[Console]::Error.WriteLine("error: the course's launcher needs Python 3.9 or newer, and found none (tried: py -3, python).")
[Console]::Error.WriteLine("  to install it: winget install Python.Python.3.12   (or https://www.python.org/downloads/windows/)")
exit 1
