#!/usr/bin/env bash
# Runs the codec benchmarks with JMH and its GC profiler (time and bytes allocated per operation).
#   bench/run-jmh.sh                 every benchmark, about 2 minutes
#   bench/run-jmh.sh StreamTrans     only those whose name matches (a JMH regexp)
# Extra JMH options go after the pattern, e.g. bench/run-jmh.sh Sse -i 10.
# Builds the benchmarks first; writes the table to bench/results/jmh-<date>.txt (and .json).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
source "$root/scripts/java-home.sh"
pattern="${1:-dev.junction.bench.codec}"
shift || true
(cd "$root" && mvn -B -q -DskipTests -pl bench -am package >&2)
out="$root/bench/results/jmh-$(date +%Y-%m-%d)"
mkdir -p "$root/bench/results"
echo "JMH on $(nproc) cores, $(uptime | sed 's/.*load average/load average/') (the machine is shared: expect noise)" | tee "$out.txt"
# One fork, 3 x 1 s warm-up, 5 x 1 s measurement: bounded, and enough for a stable median on these
# microsecond-scale operations. The GC profiler adds gc.alloc.rate.norm (bytes per operation).
"$JAVA_HOME/bin/java" -jar "$root/bench/target/benchmarks.jar" "$pattern" \
    -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc \
    -jvmArgsAppend "-Xms512m -Xmx512m -XX:+UseSerialGC" \
    -rf json -rff "$out.json" "$@" | tee -a "$out.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Bench\.)' | grep -vE 'gc\.(count|time)|churn' || true
echo "full output: $out.txt" >&2
