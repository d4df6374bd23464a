#!/usr/bin/env bash
# Junction's soak benchmark: ten minutes (SOAK_SECONDS) of mixed load with 5 % hostile requests
# (bench's SoakLoad) against `./junction serve --mock` as in production (a token, usage written),
# sampling once a minute, after a forced full GC: the heap in use, the process's RSS, open file
# descriptors, threads, and the requests and upstream calls in flight (from /metrics). It passes when
# no answer is a 5xx, the heap after GC at the end is within SOAK_HEAP_SLACK_MB (16) of the first
# sample after warm-up, and nothing is left in flight once the load stops.
#
#   bench/run-soak.sh              build, run (~11 min), write bench/results/soak-<date>.md
#   bench/run-soak.sh --no-build   use the jars as they are
# Environment: SOAK_SECONDS (600), SOAK_CONCURRENCY (16), SOAK_HOSTILE (0.05), SOAK_HEAP_SLACK_MB (16).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
build=1
[ "${1:-}" = "--no-build" ] && build=0
source scripts/java-home.sh
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
if [ $build = 1 ]; then
  ./build >/dev/null 2>&1 || { echo "build failed: run ./build to see why" >&2; exit 1; }
  (source scripts/java-home.sh && mvn -B -q -DskipTests -pl bench -am package >/dev/null 2>&1) \
    || { echo "bench build failed" >&2; exit 1; }
fi
seconds="${SOAK_SECONDS:-600}"
concurrency="${SOAK_CONCURRENCY:-16}"
hostile="${SOAK_HOSTILE:-0.05}"
slack_mb="${SOAK_HEAP_SLACK_MB:-16}"
port=18180
admin="soak-admin-token-0123456789"
work=$(mktemp -d /tmp/junction-soak.XXXXXX)
out="${SOAK_OUT:-$root/bench/results/soak-$(date +%Y-%m-%d).md}"
mkdir -p "$(dirname "$out")"
cat > "$work/junction.yaml" <<EOF
server: {port: $port}
data_dir: $work/data
admin_token: $admin
EOF
trap 'kill "$pid" 2>/dev/null || true; cp "$work/serve.log" /tmp/junction-soak-serve.log 2>/dev/null; rm -rf "$work"' EXIT
token="$(./junction keys create --name soak -c "$work/junction.yaml" 2>/dev/null | tail -n1)"
./junction serve --mock -c "$work/junction.yaml" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
grep -q "listening on" "$work/serve.log" || { echo "Junction did not start:"; cat "$work/serve.log"; exit 1; }
jpid=$pid # ./junction execs the JVM

metric() { # the sum of the values of a /metrics series whose labels contain $2
  curl -s "http://127.0.0.1:$port/metrics" -H "Authorization: Bearer $admin" \
    | awk -v name="$1" -v label="${2:-}" \
      'index($1, name) == 1 && (substr($1, length(name) + 1, 1) == "{" || length($1) == length(name)) \
       && index($1, label) > 0 {sum += $NF} END {printf "%d", sum}'
}
sample() { # minute heap_after_gc_MB rss_MB fds threads requests_in_flight upstream_in_flight
  "$JCMD" "$jpid" GC.run >/dev/null 2>&1 || true
  local heap rss fds threads
  heap=$(( $(metric jvm_memory_used_bytes 'area="heap"') / 1048576 ))
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$jpid/status") / 1024 ))
  fds=$(ls "/proc/$jpid/fd" | wc -l)
  threads=$(awk '/Threads/ {print $2}' "/proc/$jpid/status")
  echo "$1 $heap $rss $fds $threads $(metric junction_requests_in_flight) $(metric junction_upstream_in_flight)"
}

echo "soak: ${seconds}s, concurrency $concurrency, hostile $hostile, Junction pid $jpid"
"$JAVA" -cp bench/target/benchmarks.jar dev.junction.bench.load.SoakLoad --url "http://127.0.0.1:$port" \
  --token "$token" --seconds "$seconds" --concurrency "$concurrency" --hostile "$hostile" --report-seconds 60 \
  > "$work/load.log" 2>&1 &
load=$!
sleep 60
samples=("$(sample 1)")
minutes=$(( seconds / 60 ))
for m in $(seq 2 "$minutes"); do
  sleep 60
  samples+=("$(sample "$m")")
done
wait "$load" || true
sleep 3
after="$(sample after)"
result="$(grep '^RESULT' "$work/load.log" || echo 'RESULT missing')"

first_heap=$(echo "${samples[0]}" | cut -d' ' -f2)
last_heap=$(echo "$after" | cut -d' ' -f2)
server_errors=$(echo "$result" | sed -n 's/.* 5xx=\([0-9]*\).*/\1/p')
left_requests=$(echo "$after" | cut -d' ' -f6)
left_upstream=$(echo "$after" | cut -d' ' -f7)
verdict=pass
[ "${server_errors:-1}" = 0 ] || verdict=fail
[ $(( last_heap - first_heap )) -le "$slack_mb" ] || verdict=fail
[ "$left_requests" = 0 ] && [ "$left_upstream" = 0 ] || verdict=fail
alive=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")
[ "$alive" = 200 ] || verdict=fail
{
  echo "# Soak, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "${seconds} s of mixed load, concurrency $concurrency, $hostile hostile, on $(nproc) cores"
  echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)). Verdict: **$verdict**."
  echo
  echo '```'
  echo "$result"
  echo '```'
  echo
  echo "| minute | heap after GC, MiB | RSS, MiB | open fds | threads | requests in flight | upstream calls in flight |"
  echo "|---|---|---|---|---|---|---|"
  for s in "${samples[@]}" "$after"; do echo "| ${s// / | } |"; done
  echo
  echo "Heap after GC: $first_heap MiB at minute 1, $last_heap MiB after the load (allowed growth $slack_mb MiB);"
  echo "/healthz after the load: $alive."
} | tee "$out"
[ $verdict = pass ]
