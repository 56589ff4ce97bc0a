#!/usr/bin/env bash
# Golden outputs for refactors that must not change results: runs every example scenario, the back-test,
# calibration and a small Sobol experiment into DIR with the Release CLI. Compare two such folders with
# `diff -r OLD NEW` (manifests and reports carry timestamps and are left out).
# Usage: bench/golden.sh DIR   (builds src/Ballast.Cli in Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/golden.sh DIR}"
mkdir -p "$out"
dotnet build src/Ballast.Cli -c Release -v q -nologo >/dev/null
cli() { DOTNET_MaxVectorTBitWidth=512 dotnet src/Ballast.Cli/bin/Release/net10.0/ballast.dll "$@"; }
for s in scenarios/*.yaml; do
  n="$(basename "$s" .yaml)"
  cli run "$s" --threads 2 --out "$out/scratch/$n" --format json > "$out/$n.stdout.json"
  for f in runs.csv percentiles.csv kpis.json; do cp "$out/scratch/$n/$f" "$out/$n.$f"; done
done
cli backtest --fit-until 2014 --horizon 10 --format csv > "$out/backtest.csv"
cli calibrate --format csv > "$out/calibrate.csv"
cli explore scenarios/baseline.yaml --design sobol --samples 64 --threads 2 --store "$out/scratch/sobol.duckdb" > /dev/null 2>&1
cli export "$out/scratch/sobol.duckdb" --file-format csv --out "$out/scratch/sobol-export" > /dev/null 2>&1 || true
cp -r "$out/scratch/sobol-export" "$out/sobol-export" 2>/dev/null || true
cli sensitivity "$out/scratch/sobol.duckdb" --outcome balance_ratio --format csv > "$out/sobol-sensitivity.csv"
rm -rf "$out/scratch"
echo "golden outputs in $out"
