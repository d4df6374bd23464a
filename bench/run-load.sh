#!/usr/bin/env bash
# Junction's end-to-end load benchmark, side by side with the floor of one proxy hop:
#
#   direct          the load generator straight to the mock upstream
#   nginx           Debian's nginx as a plain reverse proxy to the same mock (proxy_buffering off, keepalive)
#   junction-native Junction, Gemini in, Gemini out  (POST /v1beta/models/gemini-2.5-flash:generateContent,
#                   :streamGenerateContent?alt=sse)
#   junction-openai Junction, OpenAI in, Gemini out   (POST /v1/chat/completions)
#
# Junction runs as in production: `./junction serve` with its default JVM options, a token made with
# `./junction keys create`, every request authenticated and its usage record written.
# The proxy under test (nginx or Junction) is pinned to core 0; the mock upstream and the load
# generators (wrk, the stream client) share core 1.
#
# Scenarios: non-stream requests at concurrency 1 and 64 (wrk + Lua); streams of 20 events 20 ms apart
# at concurrency 100 and 1000 (bench's StreamLoad: time to first event, to last byte, longest gap);
# 1000 and 5000 slow streams (20 events 500 ms apart) open at once (peak RSS, RSS after they close);
# start-up to ready.
#
#   bench/run-load.sh            build, install what is missing (nginx-light, wrk), run everything (~7 min)
#   bench/run-load.sh --no-build use the jars as they are
# Environment: BENCH_OUT (the results file, default bench/results/<date>.md), JUNCTION_JAVA_OPTS (as for ./junction).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
started_at=$(date +%s)

# --- what the run needs -------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v taskset >/dev/null || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian's packages..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
source scripts/java-home.sh
JAVA="$JAVA_HOME/bin/java"
if [ $build = 1 ]; then
  echo "building (./build)..."
  ./build >/dev/null 2>&1 || { echo "build failed: run ./build to see why" >&2; exit 1; }
fi
GATEWAY_JAR="$root/gateway/target/junction-gateway.jar"
BENCH_JAR="$root/bench/target/benchmarks.jar"
[ -f "$GATEWAY_JAR" ] && [ -f "$BENCH_JAR" ] || { echo "missing jars: run without --no-build" >&2; exit 1; }

work=$(mktemp -d /tmp/junction-bench.XXXXXX)
mkdir -p "$work/nginx/logs" "$work/data" "$root/bench/results"
out="${BENCH_OUT:-$root/bench/results/$(date +%Y-%m-%d).md}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
TCK=$(getconf CLK_TCK)
MOCK_PORT=18090 BUILTIN_MOCK_PORT=18089 NGINX_PORT=18081 JUNCTION_PORT_BENCH=18080
MODEL=gemini-2.5-flash
NATIVE_PATH="/v1beta/models/$MODEL:generateContent"
STREAM_PATH="/v1beta/models/$MODEL:streamGenerateContent?alt=sse"
OPENAI_PATH="/v1/chat/completions"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# --- helpers ------------------------------------------------------------------------------------
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo $t; }
status_kb() { local t=0 p; for p in "${@:2}"; do t=$((t + $(awk -v k="$1:" '$1==k{print $2}' "/proc/$p/status"))); done; echo $t; }
cpu0_busy() { awk '$1=="cpu0"{print $2+$3+$4+$7+$8}' /proc/stat; }
cpu1_busy() { awk '$1=="cpu1"{print $2+$3+$4+$7+$8}' /proc/stat; }
mib() { echo "scale=0; ($1 + 512) / 1024" | bc; }
log() { echo "$*" >&2; }
wait_http() { # url [status pattern, default 2xx]: waits up to 6 s for an answer
  local i
  for i in $(seq 1 600); do
    if curl -s -o /dev/null -m 1 -w '%{http_code}' "$1" 2>/dev/null | grep -q "${2:-^2}"; then return 0; fi
    sleep 0.01
  done
  echo "$1 never answered" >&2; return 1
}
wrk_run() { # label url lua connections seconds -> "rps p50_us p99_us requests errors"
  local o
  o=$(taskset -c 1 wrk -t1 -c"$4" -d"$5"s --latency -s "$3" "$2" 2>&1)
  echo "$o" > "$work/wrk-$1.txt"
  local rps reqs p50 p99 errs
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$o")
  reqs=$(awk '/requests in/{print $1}' <<<"$o")
  p50=$(awk '$1=="50%"{print $2}' <<<"$o" | us)
  p99=$(awk '$1=="99%"{print $2}' <<<"$o" | us)
  errs=$( (grep -E 'Non-2xx|Socket errors' <<<"$o" || true) | tr '\n' ' ' | sed 's/ *$//')
  echo "$rps $p50 $p99 $reqs ${errs:-none}"
}
us() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v+0} else if (v ~ /ms$/) {sub(/ms/,"",v); print v*1000} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000000} else print v}'; }
stream_run() { # port path body connections duration_ms warmup_ms ramp_ms min_events label [header]
  local args=(--port "$1" --path "$2" --body-file "$3" --streams "$4" --duration-ms "$5" --warmup-ms "$6"
              --ramp-ms "$7" --min-events "$8" --label "$9")
  [ -n "${10:-}" ] && args+=(--header "${10}")
  taskset -c 1 "$JAVA" -XX:+UseSerialGC -Xms256m -Xmx512m -XX:TieredStopAtLevel=1 -cp "$BENCH_JAR" \
      dev.junction.bench.load.StreamLoad "${args[@]}" 2>&1 | tee -a "$work/streams.txt" | grep -E '^(RESULT|FAILURE)'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# --- request bodies -----------------------------------------------------------------------------
PROMPT="Summarise the following text in one sentence please: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"
NATIVE_BODY="{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"$PROMPT\"}]}],\"generationConfig\":{\"maxOutputTokens\":64,\"temperature\":0.2}}"
OPENAI_BODY="{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"$PROMPT\"}],\"max_tokens\":64,\"temperature\":0.2}"
stream_bodies() { # events interval -> writes $work/native-E-I.json and $work/openai-E-I.json
  local words="Write a short poem about the sea. mock:events=$1 mock:interval-ms=$2"
  echo "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"$words\"}]}]}" > "$work/native-$1-$2.json"
  echo "{\"model\":\"$MODEL\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"$words\"}]}" > "$work/openai-$1-$2.json"
}
stream_bodies 20 20
stream_bodies 20 500
lua() { # file path body [header]
  local header=""
  [ -n "${4:-}" ] && header="wrk.headers[\"${4%%:*}\"] = \"${4#*: }\""
  cat > "$1" <<EOF
wrk.method = "POST"
wrk.path = "$2"
wrk.headers["Content-Type"] = "application/json"
$header
wrk.body = '$3'
EOF
}

# --- the mock upstream: check its capacity first ------------------------------------------------
capacity() { # label port pid -> "rps cpu_us_per_request"
  local url="http://127.0.0.1:$2$NATIVE_PATH"
  lua "$work/cap.lua" "$NATIVE_PATH" "$NATIVE_BODY" "x-goog-api-key: bench"
  taskset -c 1 wrk -t1 -c64 -d3s -s "$work/cap.lua" "$url" >/dev/null 2>&1
  local a r; a=$(ticks "$3")
  r=$(wrk_run "cap-$1" "$url" "$work/cap.lua" 64 5)
  local cpu=$(( $(ticks "$3") - a ))
  echo "$(awk '{print $1}' <<<"$r") $(echo "scale=1; $cpu * 1000000 / $TCK / $(awk '{print $4}' <<<"$r")" | bc)"
}
log "== mock capacity (mock and wrk on core 1, c64, 5 s)"
taskset -c 1 "$JAVA" -XX:+UseSerialGC -Xms64m -jar "$GATEWAY_JAR" mock-upstream --port $BUILTIN_MOCK_PORT > "$work/builtin-mock.log" 2>&1 &
bpid=$!; pids+=($bpid)
wait_http "http://127.0.0.1:$BUILTIN_MOCK_PORT/v1beta/models" "^[1-5]"
read -r builtin_rps builtin_cpu <<<"$(capacity builtin $BUILTIN_MOCK_PORT $bpid)"
kill $bpid; wait $bpid 2>/dev/null || true
taskset -c 1 "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" \
    dev.junction.bench.load.FastMock $MOCK_PORT > "$work/fast-mock.log" 2>&1 &
fpid=$!; pids+=($fpid)
sleep 0.5; until grep -q listening "$work/fast-mock.log"; do sleep 0.05; done
read -r fast_rps fast_cpu <<<"$(capacity fast $MOCK_PORT $fpid)"
log "   built-in mock: $builtin_rps req/s, $builtin_cpu µs CPU/request; bench FastMock (Vert.x): $fast_rps req/s, $fast_cpu µs CPU/request"
if [ "$(echo "$builtin_cpu <= 1.25 * $fast_cpu" | bc)" = 1 ]; then
  kill $fpid; wait $fpid 2>/dev/null || true
  taskset -c 1 "$JAVA" -XX:+UseSerialGC -Xms64m -jar "$GATEWAY_JAR" mock-upstream --port $MOCK_PORT > "$work/mock.log" 2>&1 &
  mpid=$!; pids+=($mpid); wait_http "http://127.0.0.1:$MOCK_PORT/v1beta/models" "^[1-5]"
  mock_choice="the built-in mock (fast enough: within 25 % of the minimal mock's CPU per request)"
else
  mpid=$fpid
  mock_choice="bench's FastMock: the built-in mock costs $builtin_cpu µs CPU per request against $fast_cpu, it would be the bottleneck"
fi
log "   using $mock_choice"

# --- nginx --------------------------------------------------------------------------------------
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 65535;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
daemon off;
events { worker_connections 20000; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  upstream mock { server 127.0.0.1:$MOCK_PORT; keepalive 1024; }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=8192;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
EOF
taskset -c 0 nginx -c "$work/nginx/nginx.conf" -p "$work/nginx/" > "$work/nginx.log" 2>&1 &
npid=$!; pids+=($npid)
sleep 0.3
nginx_pids="$npid $(cat /proc/$npid/task/$npid/children 2>/dev/null)"

# --- Junction -----------------------------------------------------------------------------------
export JUNCTION_DATA_DIR="$work/data" JUNCTION_PORT=$JUNCTION_PORT_BENCH GEMINI_API_KEY=bench-upstream-key \
       GEMINI_BASE_URL="http://127.0.0.1:$MOCK_PORT"
TOKEN=$(./junction keys create --name bench 2>/dev/null | tail -n1)
[[ "$TOKEN" == jn-* ]] || { echo "could not create a token: $TOKEN" >&2; exit 1; }
start_junction() { # -> sets jpid, startup_ms
  local t0 t1
  t0=$(date +%s%N)
  taskset -c "${pin:-0}" ./junction serve > "$work/junction.log" 2>&1 &
  jpid=$!
  wait_http "http://127.0.0.1:$JUNCTION_PORT_BENCH/readyz"
  t1=$(date +%s%N)
  startup_ms=$(( (t1 - t0) / 1000000 ))
}
log "== start-up to ready (process start to the first 200 from /readyz)"
start_junction; kill $jpid; wait $jpid 2>/dev/null || true   # the first run after a build writes the class-data archive
startups=(); startup_cpu=()
for i in 1 2 3; do
  start_junction; startups+=($startup_ms); startup_cpu+=($(( $(ticks $jpid) * 1000 / TCK )))
  kill $jpid; wait $jpid 2>/dev/null || true
done
startup_sorted=$(printf '%s\n' "${startups[@]}" | sort -n | tr '\n' ' ')
startup_median=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 2p)
startup_cpu_sorted=$(printf '%s\n' "${startup_cpu[@]}" | sort -n | tr '\n' ' ')
unpinned=()
for i in 1 2; do
  pin="0,1" start_junction; unpinned+=($startup_ms)
  kill $jpid; wait $jpid 2>/dev/null || true
done
start_junction; pids+=($jpid)
log "   pinned to core 0: ${startup_sorted}ms (median $startup_median ms; CPU ${startup_cpu_sorted}ms); on both cores: ${unpinned[*]} ms"
jidle_kb=$(status_kb VmRSS $jpid)

declare -A PORT=([direct]=$MOCK_PORT [nginx]=$NGINX_PORT [junction-native]=$JUNCTION_PORT_BENCH [junction-openai]=$JUNCTION_PORT_BENCH)
declare -A PIDS=([direct]=$mpid [nginx]="$nginx_pids" [junction-native]=$jpid [junction-openai]=$jpid)
declare -A RPATH=([direct]=$NATIVE_PATH [nginx]=$NATIVE_PATH [junction-native]=$NATIVE_PATH [junction-openai]=$OPENAI_PATH)
declare -A BODY=([direct]=$NATIVE_BODY [nginx]=$NATIVE_BODY [junction-native]=$NATIVE_BODY [junction-openai]=$OPENAI_BODY)
declare -A AUTH=([direct]="x-goog-api-key: bench" [nginx]="x-goog-api-key: bench" [junction-native]="x-goog-api-key: $TOKEN" [junction-openai]="Authorization: Bearer $TOKEN")
targets=(direct nginx junction-native junction-openai)
log "== pinning: nginx and Junction on core 0 (taskset -c 0); mock, wrk and the stream client on core 1 (taskset -c 1)"

# --- Junction's warm-up ----------------------------------------------------------------------
# On one core the JIT needs tens of seconds of traffic before Junction reaches its steady state
# (C2 competes with the event loop for the core): every path it will serve is exercised first.
log "== Junction warm-up: 12 s of each non-stream path, 10 s of each stream path at c500 (not measured)"
for t in junction-native junction-openai; do
  lua "$work/warm-$t.lua" "${RPATH[$t]}" "${BODY[$t]}" "${AUTH[$t]}"
  taskset -c 1 wrk -t1 -c64 -d12s -s "$work/warm-$t.lua" "http://127.0.0.1:$JUNCTION_PORT_BENCH${RPATH[$t]}" >/dev/null 2>&1
done
stream_target_early() { [ "$1" = junction-native ] && echo "$STREAM_PATH|$work/native-20-20.json|x-goog-api-key: $TOKEN" || echo "$OPENAI_PATH|$work/openai-20-20.json|Authorization: Bearer $TOKEN"; }
for t in junction-native junction-openai; do
  IFS='|' read -r spath sbody sheader <<<"$(stream_target_early $t)"
  stream_run $JUNCTION_PORT_BENCH "$spath" "$sbody" 500 10000 10000 400 20 "warm-$t" "$sheader" >/dev/null
done

# --- non-stream ---------------------------------------------------------------------------------
declare -A R
log "== non-stream: c64 (warm-up 5 s, 10 s measured), c1 (5 s)"
for t in "${targets[@]}"; do
  lua "$work/$t.lua" "${RPATH[$t]}" "${BODY[$t]}" "${AUTH[$t]}"
  url="http://127.0.0.1:${PORT[$t]}${RPATH[$t]}"
  code=$(curl -s -o "$work/check-$t.json" -w '%{http_code}' -X POST "$url" -H 'Content-Type: application/json' \
      -H "${AUTH[$t]}" -d "${BODY[$t]}")
  [ "$code" = 200 ] || { echo "$t answered $code: $(head -c 300 "$work/check-$t.json")" >&2; exit 1; }
  taskset -c 1 wrk -t1 -c64 -d5s -s "$work/$t.lua" "$url" >/dev/null 2>&1
  a=$(ticks ${PIDS[$t]}); c0=$(cpu0_busy)
  r=$(wrk_run "$t-c64" "$url" "$work/$t.lua" 64 10)
  cpu=$(( $(ticks ${PIDS[$t]}) - a )); other0=$(( $(cpu0_busy) - c0 - cpu ))
  read -r rps p50 p99 reqs errs <<<"$r"
  R[$t,c64]="$rps $p50 $p99 $(echo "scale=1; $cpu * 1000000 / $TCK / $reqs" | bc) $errs"
  R[$t,other0]=$(echo "scale=0; $other0 * 100 / $TCK / 10" | bc)
  [ "$t" = direct ] && R[$t,c64]="$rps $p50 $p99 - $errs" && R[$t,other0]="-"
  r=$(wrk_run "$t-c1" "$url" "$work/$t.lua" 1 5)
  read -r rps p50 p99 reqs errs <<<"$r"
  R[$t,c1]="$rps $p50 $p99 $errs"
  log "   $t: c64 ${R[$t,c64]} (rps p50µs p99µs cpuµs/req errors; other load on core 0: ${R[$t,other0]} %) | c1 ${R[$t,c1]}"
done

# --- streams ------------------------------------------------------------------------------------
declare -A S
stream_target() { # target events interval -> path body header
  case $1 in
    direct|nginx) echo "$STREAM_PATH|$work/native-$2-$3.json|x-goog-api-key: bench" ;;
    junction-native) echo "$STREAM_PATH|$work/native-$2-$3.json|x-goog-api-key: $TOKEN" ;;
    junction-openai) echo "$OPENAI_PATH|$work/openai-$2-$3.json|Authorization: Bearer $TOKEN" ;;
  esac
}
log "== streams: 20 events 20 ms apart, c100 and c1000 (kept-alive connections, back to back; 1.5 s warm-up, 5 s measured)"
for c in 100 1000; do
  for t in "${targets[@]}"; do
    IFS='|' read -r spath sbody sheader <<<"$(stream_target $t 20 20)"
    a=$(ticks ${PIDS[$t]}); m=$(ticks $mpid); c1b=$(cpu1_busy)
    line=$(stream_run ${PORT[$t]} "$spath" "$sbody" $c 5000 1500 400 20 "$t-c$c" "$sheader")
    cpu=$(( $(ticks ${PIDS[$t]}) - a )); mcpu=$(( $(ticks $mpid) - m )); c1=$(( $(cpu1_busy) - c1b ))
    res=$(grep '^RESULT' <<<"$line"); streams=$(field streams "$res"); events=$(field events "$res")
    S[$t,$c]="$res"
    S[$t,$c,cpu]=$( [ "$t" = direct ] && echo - || echo "scale=1; $cpu * 1000000 / $TCK / $events" | bc)
    S[$t,$c,core1]=$(echo "scale=0; $c1 * 100 / $TCK / 7" | bc)
    log "   $t c$c: $(sed 's/RESULT label=[^ ]* //' <<<"$res") proxy_cpu_us_per_event=${S[$t,$c,cpu]} core1_busy=${S[$t,$c,core1]}%"
    grep '^FAILURE' <<<"$line" >&2 || true
  done
done

# --- memory: slow streams held open -------------------------------------------------------------
# A fresh Junction, so that its memory is that of the open streams and not of the 50,000 events a
# second before; its stream paths are warmed first (6 s each at c200), and its idle RSS noted.
jpeak_kb=$(status_kb VmHWM $jpid)
kill $jpid; wait $jpid 2>/dev/null || true
start_junction; pids+=($jpid)
PIDS[junction-native]=$jpid; PIDS[junction-openai]=$jpid
for t in junction-native junction-openai; do
  IFS='|' read -r spath sbody sheader <<<"$(stream_target_early $t)"
  stream_run $JUNCTION_PORT_BENCH "$spath" "$sbody" 200 6000 6000 400 20 "warm-$t" "$sheader" >/dev/null
done
log "== memory: N slow streams open at once (20 events 500 ms apart, opened over 2-5 s), peak RSS (VmHWM) and RSS 3 s after"
for n in 1000 5000; do
  ramp=$(( n >= 5000 ? 5000 : 2000 ))
  for t in direct nginx junction-native junction-openai; do
    IFS='|' read -r spath sbody sheader <<<"$(stream_target $t 20 500)"
    for p in ${PIDS[$t]}; do echo 5 > /proc/$p/clear_refs 2>/dev/null || true; done
    before=$(status_kb VmRSS ${PIDS[$t]})
    line=$(stream_run ${PORT[$t]} "$spath" "$sbody" $n 0 0 $ramp 20 "$t-open$n" "$sheader")
    hwm=$(status_kb VmHWM ${PIDS[$t]})
    sleep 3
    after=$(status_kb VmRSS ${PIDS[$t]})
    res=$(grep '^RESULT' <<<"$line")
    S[$t,open$n]="$res"; S[$t,open$n,mem]="$(mib $before) $(mib $hwm) $(mib $after)"
    log "   $t $n open: $(sed 's/RESULT label=[^ ]* //' <<<"$res") rss_before=$(mib $before)MiB peak=$(mib $hwm)MiB after=$(mib $after)MiB"
    grep '^FAILURE' <<<"$line" >&2 || true
  done
done
jfinal_kb=$(status_kb VmRSS $jpid)

# --- the report ---------------------------------------------------------------------------------
elapsed=$(( $(date +%s) - started_at ))
p() { awk -v i="$2" '{print $i}' <<<"$1"; }
added() { # value direct -> value - direct (ms, from µs)
  echo "scale=3; ($1 - $2) / 1000" | bc | sed 's/^\./0./;s/^-\./-0./'
}
added_ms() { echo "scale=2; $1 - $2" | bc | sed 's/^\./0./;s/^-\./-0./'; }
{
  echo "# Junction load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "JDK $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2); nginx $(nginx -v 2>&1 | cut -d/ -f2); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "Pinning: the proxy under test (nginx: 1 worker; Junction: \`./junction serve\`, JVM options"
  echo "\`${JUNCTION_JAVA_OPTS:-default of ./junction}\`) on core 0; mock, wrk and the stream client on core 1."
  echo "Mock upstream: $mock_choice. Capacity on core 1 with wrk beside it: built-in $builtin_rps req/s"
  echo "($builtin_cpu µs CPU/request), FastMock $fast_rps req/s ($fast_cpu µs CPU/request)."
  echo "Junction: token authentication on (a token from \`./junction keys create\`), every request's usage record written."
  echo "Background load: the machine is shared; load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Whole run: ${elapsed} s."
  echo
  echo "## Non-stream (wrk, 1 thread; c64: 10 s after 5 s warm-up; c1: 5 s)"
  echo
  echo "| target | c64 req/s | c64 p50 ms | c64 p99 ms | proxy CPU µs/req | other load on core 0 | c1 req/s | c1 p50 µs | c1 p99 µs | c1 added p50 ms | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  d1=$(p "${R[direct,c1]}" 2)
  for t in "${targets[@]}"; do
    c64=${R[$t,c64]}; c1=${R[$t,c1]}
    echo "| $t | $(p "$c64" 1) | $(echo "scale=2; $(p "$c64" 2)/1000" | bc | sed 's/^\./0./') | $(echo "scale=2; $(p "$c64" 3)/1000" | bc | sed 's/^\./0./') | $(p "$c64" 4) | ${R[$t,other0]}% | $(p "$c1" 1) | $(p "$c1" 2) | $(p "$c1" 3) | $( [ $t = direct ] && echo - || added "$(p "$c1" 2)" "$d1") | $(cut -d' ' -f5- <<<"$c64") |"
  done
  echo
  echo "Translated path at c64: $(echo "scale=0; $(p "${R[junction-openai,c64]}" 1) * 100 / $(p "${R[nginx,c64]}" 1)" | bc) % of nginx's throughput;"
  echo "native path: $(echo "scale=0; $(p "${R[junction-native,c64]}" 1) * 100 / $(p "${R[nginx,c64]}" 1)" | bc) %."
  echo
  echo "## Streams, 20 events 20 ms apart (StreamLoad: kept-alive connections, streams back to back, 5 s measured after 1.5 s)"
  echo
  echo "| target | concurrency | streams ok / failed | first event p50 / p99 ms | added p50 ms | last byte p50 / p99 ms | longest gap p50 / p99 ms | proxy CPU µs/event | core 1 busy |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for c in 100 1000; do
    dt=$(field ttfe_p50 "${S[direct,$c]}")
    for t in "${targets[@]}"; do
      s=${S[$t,$c]}
      echo "| $t | $c | $(field ok "$s") / $(field failed "$s") | $(field ttfe_p50 "$s") / $(field ttfe_p99 "$s") | $( [ $t = direct ] && echo - || added_ms "$(field ttfe_p50 "$s")" "$dt") | $(field total_p50 "$s") / $(field total_p99 "$s") | $(field gap_p50 "$s") / $(field gap_p99 "$s") | ${S[$t,$c,cpu]} | ${S[$t,$c,core1]} % |"
    done
  done
  echo
  echo "## Slow streams held open (20 events 500 ms apart, all open at once): memory"
  echo
  echo "| target | streams | ok / failed | peak open | first event p50 / p99 ms | added p50 ms | RSS before MiB | peak RSS MiB | RSS 3 s after MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for n in 1000 5000; do
    dt=$(field ttfe_p50 "${S[direct,open$n]}")
    for t in direct nginx junction-native junction-openai; do
      s=${S[$t,open$n]}; m=${S[$t,open$n,mem]}
      [ $t = direct ] && m="- - -"
      echo "| $t | $n | $(field ok "$s") / $(field failed "$s") | $(field peak_open "$s") | $(field ttfe_p50 "$s") / $(field ttfe_p99 "$s") | $( [ $t = direct ] && echo - || added_ms "$(field ttfe_p50 "$s")" "$dt") | $(p "$m" 1) | $(p "$m" 2) | $(p "$m" 3) |"
    done
  done
  echo
  echo "(A Junction restarted for these rows, its stream paths warmed up first; native and translated share the process, so"
  echo "a row's figures include what the previous rows left. The first Junction, after the non-stream and c1000 rows, had"
  echo "peaked at $(mib $jpeak_kb) MiB.)"
  echo
  echo "## Start-up"
  echo
  echo "\`./junction serve\` from process start to the first 200 from /readyz, after the run that writes the class-data"
  echo "archive: pinned to core 0 ${startup_sorted}ms (median $startup_median ms; gateway CPU ${startup_cpu_sorted}ms);"
  echo "on both cores ${unpinned[*]} ms."
  echo "Junction RSS: idle after start $(mib $jidle_kb) MiB, at the end $(mib $jfinal_kb) MiB."
} > "$out"
log "== results in $out (${elapsed} s)"
cat "$out"
