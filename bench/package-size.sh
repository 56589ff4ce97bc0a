#!/usr/bin/env bash
# Packs the ballast tool and installs it with README.md's lines as written (`dotnet pack src/Ballast.Cli -c Release`,
# `dotnet tool install --global --add-source artifacts/nupkg ballast`; the global tool folder is sent to the scratch
# folder through DOTNET_CLI_HOME; the packages in artifacts/nupkg are replaced). Checks that each platform package
# holds only its own platform's native libraries, runs the installed tool (README's example, a run on the embedded
# data and its PNG charts with SkiaSharp, an explore into DuckDB and a query of it, a mixed-integer optimisation with
# OR-Tools, an explore on a one-silo Orleans cluster) and prints the size of every package, its unpacked content, the
# installed tool on this machine and its largest files.
# Slow (a publish per platform, 4-7 min on 2 cores), so not part of the test run.
# Usage: bench/package-size.sh [SCRATCH_DIR]   (default: a new temporary folder, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-}"
if [ -z "$scratch" ]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
fi
mkdir -p "$scratch"
scratch="$(cd "$scratch" && pwd)"
fail() { echo "FAILED: $*" >&2; exit 1; }

# README.md's install lines, as written.
rm -f artifacts/nupkg/Ballast.*nupkg
dotnet pack src/Ballast.Cli -c Release -v q -nologo >/dev/null
export DOTNET_CLI_HOME="$scratch/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool install --global --add-source artifacts/nupkg ballast >/dev/null
tools="$DOTNET_CLI_HOME/.dotnet/tools"
export PATH="$tools:$PATH"

# Each platform package: every file under tools/net10.0/RID/, every native library built for that platform.
declare -A native=(
  [linux-x64]='^ELF 64-bit LSB .*x86-64'
  [linux-arm64]='^ELF 64-bit LSB .*ARM aarch64'
  [osx-arm64]='^Mach-O 64-bit arm64'
  [win-x64]='^PE32\+ executable .*x86-64'
)
for rid in "${!native[@]}"; do
  p="artifacts/nupkg/Ballast.$rid.0.1.0.nupkg"
  [ -f "$p" ] || fail "no package for $rid"
  stray="$(unzip -Z1 "$p" | grep -v -E "^tools/net10\.0/$rid/[^/]+$|^[^/]+\.(nuspec|md)$|^\[Content_Types\]\.xml$|^_rels/|^package/services/" || true)"
  [ -z "$stray" ] || fail "$rid package has files outside tools/net10.0/$rid/: $stray"
  rm -rf "$scratch/unpacked/$rid" && mkdir -p "$scratch/unpacked/$rid" && unzip -q "$p" -d "$scratch/unpacked/$rid"
  while IFS= read -r f; do
    kind="$(file -b "$f")"
    case "$kind" in *Mono/.Net*|*text*|*JSON*|*XML*|*data*) continue ;; esac
    [[ "$kind" =~ ${native[$rid]} ]] || fail "$rid package holds $(basename "$f"): $kind"
  done < <(find "$scratch/unpacked/$rid/tools" -type f)
done

# The installed tool works: help, README's example, the model on the embedded data, charts (SkiaSharp), DuckDB,
# OR-Tools, Orleans. Notes (standard error) are kept for the message of a failed command.
quiet() { "$@" >"$scratch/last.out" 2>"$scratch/last.err" || fail "$*: $(tail -5 "$scratch/last.err")"; }
quiet ballast --help
quiet ballast burden --year 2024 --target 3.5
quiet ballast run scenarios/baseline.yaml --runs 200 --threads 2 --out "$scratch/run"
[ -s "$scratch/run/kpis.json" ] || fail "run wrote no kpis.json"
quiet ballast report "$scratch/run" --charts png
ls "$scratch"/run/charts/*.png >/dev/null 2>&1 || fail "report --charts png wrote no PNG"
quiet ballast explore scenarios/baseline.yaml --design sobol --samples 16 --threads 2 --store "$scratch/sobol.duckdb"
runs="$(ballast query "$scratch/sobol.duckdb" "SELECT count(*) AS n FROM outcomes" --format csv | tail -1)"
[ "$runs" -gt 0 ] || fail "explore stored no runs"
quiet ballast optimize scenarios/baseline.yaml --year 2030 --programs --format json
grep -q "Solver (federated): SCIP, optimal" "$scratch/last.out" || fail "optimize: no optimal SCIP solution"
# One silo on ports of its own (other clusters on this machine keep the defaults); stopped by its process id.
ballast cluster silo -j 1 --port 11711 --gateway-port 30711 >"$scratch/silo.log" 2>&1 &
silo=$!
for _ in $(seq 1 120); do grep -q 'Ctrl-C stops' "$scratch/silo.log" && break; sleep 0.5; done
ballast explore scenarios/baseline.yaml --samples 64 --store "$scratch/cluster.duckdb" --cluster 127.0.0.1:30711 >/dev/null 2>"$scratch/cluster.err" \
  || { kill "$silo"; fail "cluster explore: $(tail -5 "$scratch/cluster.err" "$scratch/silo.log")"; }
kill "$silo"
wait "$silo" 2>/dev/null || true
grep -q 'runs per silo 127.0.0.1:11711@[0-9]* 64;' "$scratch/cluster.err" || fail "the silo ran no runs: $(cat "$scratch/cluster.err")"
echo "installed tool: help, burden, run, report --charts png, explore, query ($runs runs), optimize --programs, cluster explore: ok"

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
printf '%-34s %12s %14s %s\n' package 'package (MB)' 'unpacked (MB)' '.pdb files'
for p in artifacts/nupkg/Ballast*.nupkg; do
  unpacked="$(unzip -l "$p" | tail -1 | awk '{print $1}')"
  pdbs="$(unzip -l "$p" | grep -c '\.pdb$' || true)"
  printf '%-34s %12s %14s %s\n' "$(basename "$p")" "$(mb "$(stat -c %s "$p")")" "$(mb "$unpacked")" "$pdbs"
done
tool_files="$(find "$tools/.store" -path '*/tools/net*/*' -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
echo "installed on $(dotnet --info | awk '/RID:/ {print $2; exit}'): $(mb "$(du -sb "$tools" | cut -f1)") MB in the tool path" \
  "($(mb "$tool_files") MB of tool files; the rest is the two copies of the package the SDK keeps there)"
echo "largest installed files (MB):"
find "$tools/.store" -path '*/tools/net*/*' -type f -printf '%s %f\n' | sort -rn | head -15 | awk '{printf "  %6.1f %s\n", $1 / 1e6, $2}'
