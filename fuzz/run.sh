#!/usr/bin/env bash
# Fuzz one harness of fuzz/Ballast.Fuzz with afl++ for a number of seconds.
# Usage: fuzz/run.sh HARNESS SECONDS     (HARNESS: scenario, csv-panel, overrides, store)
# Installs afl++ from Debian and the SharpFuzz CLI into the repo's local tool manifest, instruments the Ballast
# assemblies, runs afl-fuzz on fuzz/corpus/HARNESS and prints executions and crashes. Findings go to fuzz/findings/HARNESS
# (not committed); replay one with: dotnet fuzz/out/Ballast.Fuzz.dll HARNESS FILE
set -euo pipefail
harness=${1:?usage: fuzz/run.sh HARNESS SECONDS}
seconds=${2:?usage: fuzz/run.sh HARNESS SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

command -v afl-fuzz >/dev/null || { apt-get update -qq && apt-get install -y -qq afl++; }
[ -f .config/dotnet-tools.json ] || dotnet new tool-manifest -o .config
dotnet tool list --local | grep -qi sharpfuzz.commandline || dotnet tool install --local SharpFuzz.CommandLine --version 2.3.0
dotnet tool restore >/dev/null

out=fuzz/out
if [ ! -f "$out/.instrumented" ] || [ -n "$(find src fuzz/Ballast.Fuzz -name '*.cs' -newer "$out/.instrumented" | head -1)" ]; then
  rm -rf "$out"
  dotnet publish fuzz/Ballast.Fuzz -c Release -o "$out" -v q -nologo
  # Instrument Ballast's own assemblies and the YAML library they parse with; not the runtime or DuckDB.
  for dll in "$out"/Ballast.*.dll "$out"/YamlDotNet.dll; do
    case "$dll" in *Ballast.Fuzz.dll) continue ;; esac
    dotnet tool run sharpfuzz "$dll" >/dev/null
  done
  touch "$out/.instrumented"
fi

findings=fuzz/findings/$harness
rm -rf "$findings"
mkdir -p "$findings"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
timeout --preserve-status "$((seconds + 30))" afl-fuzz -V "$seconds" -t 10000 -m none -i "fuzz/corpus/$harness" -o "$findings" \
  -- dotnet "$out/Ballast.Fuzz.dll" "$harness" >"$findings/afl.log" 2>&1 || true
stats=$(find "$findings" -name fuzzer_stats | head -1)
if [ -z "$stats" ]; then
  echo "afl-fuzz did not start; see $findings/afl.log" >&2
  tail -20 "$findings/afl.log" >&2
  exit 1
fi
grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs) ' "$stats"
