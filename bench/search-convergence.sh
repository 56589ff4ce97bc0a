#!/usr/bin/env bash
# The search target of issue 15: `ballast search` on the baseline with 4 levers and 3 objectives over 500 futures, at the
# default budget and at a budget FACTOR times longer (the same population, FACTOR times the generations), and both Pareto
# sets' hypervolumes against one reference point and normalisation (Ballast.Bench --search-hypervolume).
# Usage: bench/search-convergence.sh [FUTURES] [POPULATION] [GENERATIONS] [FACTOR] [THREADS]
#        (defaults 500, 40, 25, 10, all cores; writes only under a temporary folder). GENERATIONS may be a comma-separated
#        list of short budgets (e.g. 25,51): each is run and compared; the long run is FACTOR times the first.
set -euo pipefail
cd "$(dirname "$0")/.."
futures="${1:-500}"
population="${2:-40}"
generations="${3:-25}"
factor="${4:-10}"
threads="${5:-0}"
for project in src/Ballast.Cli bench/Ballast.Bench; do dotnet build "$project" -c Release -v q -nologo >/dev/null; done
cli="src/Ballast.Cli/bin/Release/net10.0/ballast"
bench="bench/Ballast.Bench/bin/Release/net10.0/Ballast.Bench"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The US theatre share and harshness, Japan's budget step and US troops in Japan; the balance in bad futures, the US
# net cost and the probability that the balance tips.
levers="us.theatre-share,us.stance.harshness,spending.JPN.change-pct,posture.JPN.troops"
objectives="p10:balance_ratio:max,p50:us_cost_net:min,mean:crossed:min"
load() { cut -d' ' -f1-3 /proc/loadavg; }

# One search: its Pareto set as CSV, and its wall and CPU time (user + system of the process).
search() {
  local name="$1" gens="$2"
  local before after
  before="$(load)"
  /usr/bin/time -f "%e %U %S" -o "$scratch/$name.time" "$cli" search scenarios/baseline.yaml --levers "$levers" --objectives "$objectives" \
    --futures "$futures" --population "$population" --generations "$gens" --fresh-futures 0 -j "$threads" --format csv >"$scratch/$name.csv" 2>"$scratch/$name.log"
  after="$(load)"
  read -r wall user sys <"$scratch/$name.time"
  local candidates=$((population * (gens + 1)))
  printf '%-5s %3d generations x %d = %6d candidates: wall %8.1f s, CPU %8.1f s (user %.1f + system %.1f); load average before %s, after %s\n' \
    "$name" "$((gens + 1))" "$population" "$candidates" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$before" "$after"
}

echo "ballast search scenarios/baseline.yaml --levers $levers --objectives $objectives --futures $futures --population $population (-j $threads; $(nproc) cores)"
files=()
IFS=',' read -r -a budgets <<<"$generations"
for g in "${budgets[@]}"; do
  search "g$g" "$g"
  files+=("$scratch/g$g.csv")
done
long=$(((budgets[0] + 1) * factor - 1))
search "g$long" "$long"
"$bench" --search-hypervolume "$objectives" "${files[@]}" "$scratch/g$long.csv"
