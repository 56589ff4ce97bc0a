#!/usr/bin/env bash
# One command for the figures of docs/performance.md: builds the bench and the CLI in Release, measures each figure
# N times (default 3) and prints a Markdown table of min–max per figure, with the machine's load before and after.
# Interleave two checkouts by running this script in each, or pair single commands with farm-bench for A/B claims.
# Usage: bench/perf.sh [REPEATS]   (takes a few minutes; writes only under a temporary folder it removes)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dotnet build bench/Ballast.Bench -c Release -v q -nologo >/dev/null
dotnet build src/Ballast.Cli -c Release -v q -nologo >/dev/null
bench="bench/Ballast.Bench/bin/Release/net10.0/Ballast.Bench.dll"
cli="src/Ballast.Cli/bin/Release/net10.0/ballast.dll"
load() { cut -d' ' -f1 /proc/loadavg; }
load_before="$(load)"

# Each figure: a label, a unit and a command printing one number per line on stdout.
declare -a labels units cmds
add() { labels+=("$1"); units+=("$2"); cmds+=("$3"); }
add "Model kernel, 4 lanes (\`--measure kernel 409600\`)" "M cy/s per core" \
  "dotnet $bench --measure kernel 409600 | sed -E 's/.*\\(([0-9.]+) M cy\\/s per core\\).*/\\1/'"
add "Model kernel, 8 lanes (\`DOTNET_MaxVectorTBitWidth=512\`)" "M cy/s per core" \
  "DOTNET_MaxVectorTBitWidth=512 dotnet $bench --measure kernel 409600 | sed -E 's/.*\\(([0-9.]+) M cy\\/s per core\\).*/\\1/'"
add "Full ensemble, 8 lanes (\`--measure ensemble 409600\`)" "M cy/s per core" \
  "DOTNET_MaxVectorTBitWidth=512 dotnet $bench --measure ensemble 409600 | sed -E 's/.*\\(([0-9.]+) M cy\\/s per core\\).*/\\1/'"
add "One 1,000-run ensemble, 8 lanes (\`--repeat 1000 50\`, after 60 warm-ups), wall" "ms each" \
  "DOTNET_MaxVectorTBitWidth=512 dotnet $bench --repeat 1000 50 | tee -a $scratch/repeat | sed -E 's/.*: ([0-9.]+) ms each.*/\\1/'"
add "  … its process CPU" "ms each" "sed -E 's/.*\\(process CPU ([0-9.]+) ms,.*/\\1/' $scratch/repeat"
add "  … the kernel alone for the same runs, process CPU" "ms each" "sed -E 's/.*for the same runs: process CPU ([0-9.]+) ms.*/\\1/' $scratch/repeat"
add "  … ensemble / kernel (CPU of the ten rounds each)" "ratio" "sed -E 's/.*ensemble \\/ kernel ([0-9.]+) .*/\\1/' $scratch/repeat"
add "One 1,000-run ensemble, 4 lanes (the runtime default): ensemble / kernel" "ratio" \
  "dotnet $bench --repeat 1000 50 | sed -E 's/.*ensemble \\/ kernel ([0-9.]+) .*/\\1/'"
# The million-run CLI and the kernel alone on both cores for the same runs (two `--measure kernel 500000` at once, whole
# processes) run back to back in each repetition, so each ratio compares figures taken a minute apart: the machine's
# speed drifts by up to a quarter within minutes, which made ratios of CLI and kernel runs taken minutes apart unreliable.
million() {
  DOTNET_MaxVectorTBitWidth=512 /usr/bin/time -f '%e %U %S %M' -a -o "$scratch/times" dotnet "$cli" run scenarios/baseline.yaml \
    --runs 1000000 --threads 2 --out "$scratch/run" --format json >/dev/null 2>&1
  rm -rf "$scratch/run"
  DOTNET_MaxVectorTBitWidth=512 /usr/bin/time -f '%U %S' -o "$scratch/k1" dotnet "$bench" --measure kernel 500000 >/dev/null &
  DOTNET_MaxVectorTBitWidth=512 /usr/bin/time -f '%U %S' -o "$scratch/k2" dotnet "$bench" --measure kernel 500000 >/dev/null
  wait
  cat "$scratch/k1" "$scratch/k2" | awk '{s += $1 + $2} END {print s}' >> "$scratch/kernels"
  tail -1 "$scratch/times" | cut -d' ' -f1
}
export -f million
export scratch cli bench
add "\`ballast run baseline --runs 1000000 --threads 2\`, 8 lanes, wall (each followed by its kernel pair below)" "s" "million"
add "  … its CPU (user + system)" "s" "echo >> $scratch/cpu; k=\$(wc -l < $scratch/cpu); sed -n \${k}p $scratch/times | awk '{print \$2 + \$3}'"
add "  … its peak resident memory" "GB" "echo >> $scratch/mem; k=\$(wc -l < $scratch/mem); sed -n \${k}p $scratch/times | awk '{printf \"%.2f\\n\", \$4 / 1048576}'"
add "  … the kernel alone for the same runs on both cores, right after (two \`--measure kernel 500000\` at once, whole processes), CPU" "s" \
  "echo >> $scratch/kcpu; k=\$(wc -l < $scratch/kcpu); sed -n \${k}p $scratch/kernels"
add "  … CLI / kernel (CPU, each repetition's pair; issue 18: at most 1.6)" "ratio" \
  "echo >> $scratch/pair; k=\$(wc -l < $scratch/pair); paste -d' ' <(sed -n \${k}p $scratch/times) <(sed -n \${k}p $scratch/kernels) | awk '{printf \"%.2f\\n\", (\$2 + \$3) / \$5}'"
add "\`ballast explore baseline --samples 200000 --threads 2\` into DuckDB" "runs/s" \
  "rm -rf $scratch/ex && dotnet $cli explore scenarios/baseline.yaml --samples 200000 --threads 2 --out $scratch/ex --format csv 2>/dev/null | awk -F, 'NR==2{printf \"%.0f\\n\", \$NF}'"
# Model only and into the store back to back in each repetition, as the million-run pair above: each ratio compares
# figures taken seconds apart.
explore_pair() {
  DOTNET_MaxVectorTBitWidth=512 dotnet "$bench" --explore 200000 2 none 10240 > "$scratch/explore-out"
  sed -E 's/.*\(([0-9.]+) us per run\).*/\1/' "$scratch/explore-out" >> "$scratch/explore-model"
  sed -E 's/.* = ([0-9]+) runs\/s.*/\1/' "$scratch/explore-out" >> "$scratch/explore-model-rate"
  DOTNET_MaxVectorTBitWidth=512 dotnet "$bench" --explore 200000 2 "$scratch/bench.duckdb" > "$scratch/explore-out"
  sed -E 's/.*\(([0-9.]+) us per run\).*/\1/' "$scratch/explore-out" >> "$scratch/explore-store"
  sed -E 's/.* = ([0-9]+) runs\/s.*/\1/' "$scratch/explore-out" >> "$scratch/explore-store-rate"
  tail -1 "$scratch/explore-model"
}
export -f explore_pair
add "Explore baseline, 200,000 runs on 2 threads, model only (\`--explore 200000 2 none 10240\`, 8 lanes; each followed by its store run below)" "µs CPU per run" "explore_pair"
add "  … the same into a DuckDB store, right after (\`--explore 200000 2 STORE\`)" "µs CPU per run" \
  "echo >> $scratch/exs; k=\$(wc -l < $scratch/exs); sed -n \${k}p $scratch/explore-store"
add "  … model only / into the store (the store's rate ratio when CPU-bound, each repetition's pair; issue 18: at least 0.5)" "ratio" \
  "echo >> $scratch/exr; k=\$(wc -l < $scratch/exr); paste -d' ' <(sed -n \${k}p $scratch/explore-model) <(sed -n \${k}p $scratch/explore-store) | awk '{printf \"%.2f\\n\", \$1 / \$2}'"
add "  … runs/s into the store / model only (wall, the same pairs)" "ratio" \
  "echo >> $scratch/exw; k=\$(wc -l < $scratch/exw); paste -d' ' <(sed -n \${k}p $scratch/explore-store-rate) <(sed -n \${k}p $scratch/explore-model-rate) | awk '{printf \"%.2f\\n\", \$1 / \$2}'"
sobol() { echo "dotnet $bench --exploration sobol | sed -n '$1p' | sed -E 's/.*: ([0-9.]+) ms.*/\\1/'"; }
add "Sobol analysis, Ishigami, N = 1024, 1,000 resamples" "ms" "$(sobol 1)"
add "Sobol analysis, G-function, N = 2^14, D = 10, 1,000 resamples" "ms" "$(sobol 2)"
add "Sobol analysis, G-function, N = 2^12, D = 10, second order, 1,000 resamples" "ms" "$(sobol 3)"

echo "| Figure | Unit | Min–max of $repeats |"
echo "|---|---|---|"
for i in "${!labels[@]}"; do
  values=()
  for _ in $(seq "$repeats"); do values+=("$(bash -c "${cmds[$i]}")"); done
  range="$(printf '%s\n' "${values[@]}" | sort -g | awk 'NR == 1 { lo = $0 } { hi = $0 } END { print (lo == hi ? lo : lo "–" hi) }')"
  echo "| ${labels[$i]} | ${units[$i]} | $range |"
done
echo
echo "Load average (1 min) before: $load_before, after: $(load); $(nproc) cores; commit $(git rev-parse --short HEAD)."
