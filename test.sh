#!/usr/bin/env bash
# The whole test suite. Installs anything the tests need beyond the .NET SDK, then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Browser tests (report, dashboard) drive Debian's chromium through Playwright with ExecutablePath=/usr/bin/chromium;
# nothing downloads a browser of its own. Install it once if missing.
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
dotnet test Ballast.slnx -c Release --logger "console;verbosity=minimal" "$@"
