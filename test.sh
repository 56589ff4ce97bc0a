#!/usr/bin/env bash
# The whole test suite. Installs anything the tests need beyond the .NET SDK, then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Browser tests drive Debian's chromium (no browser download by Playwright); install it once if missing.
if [ ! -x /usr/bin/chromium ]; then
  apt-get update && apt-get install -y chromium
fi
dotnet test Ballast.slnx -c Release --logger "console;verbosity=minimal" "$@"
