@echo off
rem The course's launcher on Windows (Command Prompt): finds a Python 3.9 or newer and runs
rem launcher\, where its logic is written once for every platform (course on Linux and macOS,
rem course.ps1 in PowerShell). "course --help" lists the commands. DLCOURSE_PYTHON names a Python.
setlocal
set "DLCOURSE_PROG=course"
set "LAUNCHER=%~dp0launcher"
set "CHECK=import sys; sys.exit(sys.version_info < (3, 9))"
if defined DLCOURSE_PYTHON goto chosen
py -3 -c "%CHECK%" >nul 2>&1 && goto py
python -c "%CHECK%" >nul 2>&1 && goto python
echo error: the course's launcher needs Python 3.9 or newer, and found none (tried: py -3, python). 1>&2
echo   to install it: winget install Python.Python.3.12   (or https://www.python.org/downloads/windows/) 1>&2
exit /b 1
:chosen
"%DLCOURSE_PYTHON%" "%LAUNCHER%" %*
exit /b %ERRORLEVEL%
:py
py -3 "%LAUNCHER%" %*
exit /b %ERRORLEVEL%
:python
python "%LAUNCHER%" %*
exit /b %ERRORLEVEL%
