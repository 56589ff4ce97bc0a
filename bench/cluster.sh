#!/usr/bin/env bash
# Cluster figures for docs/scale.md, with real processes on this machine: two silos of one thread each against one
# process of two threads (the same cores), then one silo killed (SIGKILL) while it holds work.
# Usage: bench/cluster.sh [SAMPLES] [REPEATS] [RANGE]   (defaults 100000, 3, 512; writes only under a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${1:-100000}"
repeats="${2:-3}"
range="${3:-512}"
scratch="$(mktemp -d)"
silos=()
cleanup() {
  for pid in "${silos[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT
dotnet build src/Ballast.Cli -c Release -v q -nologo >/dev/null
cli="src/Ballast.Cli/bin/Release/net10.0/ballast"
scenario="scenarios/baseline.yaml"
now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }

# A silo in the background; waits until it says it is up.
silo() {
  local log="$scratch/silo-$1.log"
  shift
  "$cli" cluster silo -j 1 "$@" >"$log" 2>&1 &
  silos+=("$!")
  for _ in $(seq 1 120); do grep -q 'Ctrl-C stops' "$log" && return 0; sleep 0.5; done
  echo "silo did not start: $(cat "$log")" >&2
  exit 1
}
silo a
silo b --port 11112 --gateway-port 30001 --primary 127.0.0.1:11111
gateways="127.0.0.1:30000,127.0.0.1:30001"

# CPU seconds (user + system) a process has used so far.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }

# One explore: prints its wall time and the CPU seconds of the client and of both silos, in seconds.
explore() {
  local store="$1"
  shift
  rm -f "$store" "$store.wal"
  local t0 a0 b0
  t0="$(now)"; a0="$(cpu "${silos[0]}")"; b0="$(cpu "${silos[1]}")"
  /usr/bin/time -f '%U %S' -o "$store.time" "$cli" explore "$scenario" --samples "$samples" --store "$store" "$@" >"$store.out" 2>"$store.err"
  echo "$(echo "$(now) - $t0" | bc -l) $(awk '{print $1 + $2}' "$store.time") $(echo "$(cpu "${silos[0]}") - $a0 + $(cpu "${silos[1]}") - $b0" | bc -l)"
}

# Every value of a store's run tables, hashed: equal stores give equal lines.
digest() {
  "$cli" query "$1" "SELECT count(*), count(DISTINCT run), bit_xor(hash(COLUMNS(*))) FROM outcomes" --format csv
  "$cli" query "$1" "SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM outcomes_yearly" --format csv
}

echo "load before: $(load); samples $samples, range $range runs, $repeats repeats"
echo "| repeat | single process -j 2: runs/s | CPU ms per 1,000 runs | two silos -j 1: runs/s | client CPU ms per 1,000 runs | silos' CPU ms per 1,000 runs | throughput ratio |"
echo "|---|---|---|---|---|---|---|"
for i in $(seq 1 "$repeats"); do
  read -r lw lc _ <<<"$(explore "$scratch/local.duckdb" -j 2)"
  read -r cw cc cs <<<"$(explore "$scratch/cluster.duckdb" --cluster "$gateways" --batch-size "$range")"
  k="$(echo "1000000 / $samples" | bc -l)"
  printf '| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f |\n' "$i" "$(echo "$samples / $lw" | bc -l)" "$(echo "$lc * $k" | bc -l)" \
    "$(echo "$samples / $cw" | bc -l)" "$(echo "$cc * $k" | bc -l)" "$(echo "$cs * $k" | bc -l)" "$(echo "$lw / $cw" | bc -l)"
done
same="$( [ "$(digest "$scratch/local.duckdb")" = "$(digest "$scratch/cluster.duckdb")" ] && echo yes || echo NO)"
echo "cluster store equal to the single-process store: $same"
grep -h '^note: Cluster' "$scratch/cluster.duckdb.err" || true

# Kill silo b (not the first silo, which holds localhost clustering's membership table) once the run is under way.
rm -f "$scratch/killed.duckdb" "$scratch/killed.duckdb.wal"
t0="$(now)"
"$cli" explore "$scenario" --samples "$samples" --store "$scratch/killed.duckdb" --cluster "$gateways" --batch-size "$range" \
  >"$scratch/killed.out" 2>"$scratch/killed.err" &
client=$!
until grep -q '^stored' "$scratch/killed.err" 2>/dev/null; do sleep 0.1; done
kill -9 "${silos[1]}"
killed_at="$(echo "$(now) - $t0" | bc -l)"
wait "$client"
total="$(echo "$(now) - $t0" | bc -l)"
printf 'killed silo b with SIGKILL at %.1f s; the experiment finished at %.1f s\n' "$killed_at" "$total"
grep -h '^note: Cluster' "$scratch/killed.err" || true
same="$( [ "$(digest "$scratch/local.duckdb")" = "$(digest "$scratch/killed.duckdb")" ] && echo yes || echo NO)"
echo "store after the kill equal to the single-process store: $same"
echo "load after: $(load)"
