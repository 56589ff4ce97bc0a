#!/usr/bin/env bash
# Packs the ballast tool and its optional optimiser companion and installs them with README.md's lines as written
# (`dotnet pack src/Ballast.Cli -c Release`, `dotnet tool install --global --add-source artifacts/nupkg ballast`; then
# `dotnet pack src/Ballast.Optimiser -c Release`, `... ballast-optimiser`; the global tool folder is sent to the scratch
# folder through DOTNET_CLI_HOME; the packages in artifacts/nupkg are replaced). Checks that each platform package
# holds only its own platform's native libraries and that the ballast packages hold no file of OR-Tools; runs the
# installed tool (README's example, a run on the embedded data and its PNG charts with SkiaSharp, an explore into
# DuckDB and a query of it, an explore on a one-silo Orleans cluster), `ballast optimize` without the companion (the
# install message) and with it (a mixed-integer optimisation with OR-Tools, the same output as a source build solving
# in process); prints the size of every package, its unpacked content, the installed tools on this machine (ballast
# alone; with the companion) and the largest files.
# Slow (a publish per platform and tool, 5-10 min on 2 cores), so not part of the test run.
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

# The reference: a source build has OR-Tools and solves in process.
dotnet build src/Ballast.Cli -c Release -v q -nologo >/dev/null
dotnet src/Ballast.Cli/bin/Release/net10.0/ballast.dll optimize scenarios/baseline.yaml --year 2030 --programs --format json \
  >"$scratch/optimize.in-process.json" 2>/dev/null || fail "the source build's optimize failed"

# README.md's install lines, as written.
rm -f artifacts/nupkg/Ballast*.nupkg
dotnet pack src/Ballast.Cli -c Release -v q -nologo >/dev/null
dotnet pack src/Ballast.Optimiser -c Release -v q -nologo >/dev/null
export DOTNET_CLI_HOME="$scratch/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool install --global --add-source artifacts/nupkg ballast >/dev/null
tools="$DOTNET_CLI_HOME/.dotnet/tools"
export PATH="$tools:$PATH"

# Each platform package: every file under tools/net10.0/RID/, every native library built for that platform; the
# ballast package holds no file of the companion's OR-Tools, and its deps.json does not name it.
declare -A native=(
  [linux-x64]='^ELF 64-bit LSB .*x86-64'
  [linux-arm64]='^ELF 64-bit LSB .*ARM aarch64'
  [osx-arm64]='^Mach-O 64-bit arm64'
  [win-x64]='^PE32\+ executable .*x86-64'
)
for rid in "${!native[@]}"; do
  for id in Ballast Ballast-Optimiser; do
    p="artifacts/nupkg/$id.$rid.0.1.0.nupkg"
    [ -f "$p" ] || fail "no package $id for $rid"
    stray="$(unzip -Z1 "$p" | grep -v -E "^tools/net10\.0/$rid/[^/]+$|^[^/]+\.(nuspec|md)$|^\[Content_Types\]\.xml$|^_rels/|^package/services/" || true)"
    [ -z "$stray" ] || fail "$id $rid package has files outside tools/net10.0/$rid/: $stray"
    rm -rf "$scratch/unpacked/$id/$rid" && mkdir -p "$scratch/unpacked/$id/$rid" && unzip -q "$p" -d "$scratch/unpacked/$id/$rid"
    while IFS= read -r f; do
      kind="$(file -b "$f")"
      case "$kind" in *Mono/.Net*|*text*|*JSON*|*XML*|*data*) continue ;; esac
      [[ "$kind" =~ ${native[$rid]} ]] || fail "$id $rid package holds $(basename "$f"): $kind"
    done < <(find "$scratch/unpacked/$id/$rid/tools" -type f)
  done
  # OR-Tools' files: what the companion holds beyond Ballast's own assemblies, YamlDotNet and its tool files.
  ortools="$(cd "$scratch/unpacked/Ballast-Optimiser/$rid/tools/net10.0/$rid" && ls | grep -v -E '^(Ballast\.|YamlDotNet\.dll$|DotnetToolSettings\.xml$)')"
  grep -q -E '^Google\.OrTools\.dll$' <<<"$ortools" || fail "the $rid companion holds no Google.OrTools.dll"
  for f in $ortools; do
    [ ! -e "$scratch/unpacked/Ballast/$rid/tools/net10.0/$rid/$f" ] || fail "the ballast $rid package holds OR-Tools' $f"
  done
  ! grep -q -i -E 'ortools|protobuf' "$scratch/unpacked/Ballast/$rid/tools/net10.0/$rid/ballast.deps.json" || fail "the ballast $rid deps.json names OR-Tools"
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
# Without the companion: the message that says how to install it, exit code 2.
message='error: the optimiser is not installed: run `dotnet tool install --global --add-source artifacts/nupkg ballast-optimiser` (README, Install)'
set +e
ballast optimize scenarios/baseline.yaml --year 2030 >/dev/null 2>"$scratch/optimize.err"
code=$?
set -e
[ "$code" -eq 2 ] && [ "$(cat "$scratch/optimize.err")" = "$message" ] || fail "optimize without the companion (exit code $code): $(cat "$scratch/optimize.err")"
# One silo on ports of its own (other clusters on this machine keep the defaults); stopped by its process id.
ballast cluster silo -j 1 --port 11711 --gateway-port 30711 >"$scratch/silo.log" 2>&1 &
silo=$!
for _ in $(seq 1 120); do grep -q 'Ctrl-C stops' "$scratch/silo.log" && break; sleep 0.5; done
ballast explore scenarios/baseline.yaml --samples 64 --store "$scratch/cluster.duckdb" --cluster 127.0.0.1:30711 >/dev/null 2>"$scratch/cluster.err" \
  || { kill "$silo"; fail "cluster explore: $(tail -5 "$scratch/cluster.err" "$scratch/silo.log")"; }
kill "$silo"
wait "$silo" 2>/dev/null || true
grep -q 'runs per silo 127.0.0.1:11711@[0-9]* 64;' "$scratch/cluster.err" || fail "the silo ran no runs: $(cat "$scratch/cluster.err")"
echo "installed tool: help, burden, run, report --charts png, explore, query ($runs runs), cluster explore, optimize without the optimiser (the install message): ok"
alone="$(du -sb "$tools" | cut -f1)"
alone_files="$(find "$tools/.store" -path '*/tools/net*/*' -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
largest="$(find "$tools/.store" -path '*/tools/net*/*' -type f -printf '%s %f\n' | sort -rn | head -10)"

# With the companion: the mixed-integer optimisation, solved by SCIP in the companion, prints what the source build prints.
dotnet tool install --global --add-source artifacts/nupkg ballast-optimiser >/dev/null
quiet ballast optimize scenarios/baseline.yaml --year 2030 --programs --format json
grep -q "Solver (federated): SCIP, optimal" "$scratch/last.out" || fail "optimize: no optimal SCIP solution"
cmp -s "$scratch/last.out" "$scratch/optimize.in-process.json" || fail "optimize through the companion differs from the source build's in-process solve"
echo "installed optimiser: optimize --programs (SCIP optimal, output identical to the in-process solve): ok"

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
printf '%-44s %12s %14s %s\n' package 'package (MB)' 'unpacked (MB)' '.pdb files'
for p in artifacts/nupkg/Ballast*.nupkg; do
  unpacked="$(unzip -l "$p" | tail -1 | awk '{print $1}')"
  pdbs="$(unzip -l "$p" | grep -c '\.pdb$' || true)"
  printf '%-44s %12s %14s %s\n' "$(basename "$p")" "$(mb "$(stat -c %s "$p")")" "$(mb "$unpacked")" "$pdbs"
done
rid_here="$(dotnet --info | awk '/RID:/ {print $2; exit}')"
echo "installed on $rid_here, ballast alone: $(mb "$alone") MB in the tool path ($(mb "$alone_files") MB of tool files; the rest is the two copies of the package the SDK keeps there)"
both_files="$(find "$tools/.store" -path '*/tools/net*/*' -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
echo "installed on $rid_here, ballast and ballast-optimiser: $(mb "$(du -sb "$tools" | cut -f1)") MB in the tool path ($(mb "$both_files") MB of tool files)"
echo "largest installed files of ballast (MB):"
awk '{printf "  %6.1f %s\n", $1 / 1e6, $2}' <<<"$largest"
