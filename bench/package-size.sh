#!/usr/bin/env bash
# Packs the ballast tool (one package per platform), installs it from the packages as the README says, runs
# `ballast --help` and prints the size of every package, its unpacked content and the installed tool on this machine.
# Slow (a publish per platform, ~3 min on 2 cores), so not part of the test run.
# Usage: bench/package-size.sh [SCRATCH_DIR]   (default: a new temporary folder, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-}"
if [ -z "$scratch" ]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
fi
mkdir -p "$scratch"
dotnet pack src/Ballast.Cli -c Release -o "$scratch/nupkg" -v q -nologo >/dev/null
dotnet tool install --tool-path "$scratch/tools" --add-source "$scratch/nupkg" ballast >/dev/null
"$scratch/tools/ballast" --help >/dev/null
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
printf '%-34s %12s %14s %s\n' package 'package (MB)' 'unpacked (MB)' '.pdb files'
for p in "$scratch"/nupkg/*.nupkg; do
  unpacked="$(unzip -l "$p" | tail -1 | awk '{print $1}')"
  pdbs="$(unzip -l "$p" | grep -c '\.pdb$' || true)"
  printf '%-34s %12s %14s %s\n' "$(basename "$p")" "$(mb "$(stat -c %s "$p")")" "$(mb "$unpacked")" "$pdbs"
done
tool_files="$(find "$scratch/tools/.store" -path '*/tools/net*/*' -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
echo "installed on $(dotnet --info | awk '/RID:/ {print $2; exit}'): $(mb "$(du -sb "$scratch/tools" | cut -f1)") MB in the tool path" \
  "($(mb "$tool_files") MB of tool files; the rest is NuGet's copies of the package)"
