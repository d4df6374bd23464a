#!/usr/bin/env bash
# Checks the distribution as a user without Java gets it: unpacks target/dist/junction-*.tar.gz
# into an empty folder and, with PATH and JAVA_HOME cleared, runs bin/junction serve --mock and
# one OpenAI request through it (a token made with bin/junction keys create), and fetches the web
# console and its chart library.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
archive="$(ls "$root"/target/dist/junction-*.tar.gz | head -n1)"
work="$(mktemp -d)"
trap 'if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
home="$(ls -d "$work"/junction-*)"
port=$(( 20000 + RANDOM % 20000 ))
clean_env=(env -i HOME="$work" PATH=/nonexistent JUNCTION_PORT="$port")
token="$("${clean_env[@]}" "$home/bin/junction" keys create --name dist-check | tail -n1)"
"${clean_env[@]}" "$home/bin/junction" serve --mock > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if grep -q "listening on" "$work/serve.log"; then break; fi
  sleep 0.2
done
answer="$(/usr/bin/curl -sf "http://127.0.0.1:$port/v1/chat/completions" -H "Authorization: Bearer $token" \
  -d '{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]}')"
echo "$answer" | grep -q '"chat.completion"' || { echo "dist-check: unexpected answer: $answer"; cat "$work/serve.log"; exit 1; }
/usr/bin/curl -sf "http://127.0.0.1:$port/console" | grep -q '/console/app.js' \
  || { echo "dist-check: the web console is not served"; exit 1; }
/usr/bin/curl -sf "http://127.0.0.1:$port/console/vendor/echarts.min.js" -o "$work/echarts.js" \
  && grep -q 'echarts' "$work/echarts.js" \
  || { echo "dist-check: the console's chart library (its WebJar) is not served"; exit 1; }
[ -f "$home/data/junction.db" ] || ls "$home/data" | grep -q . || { echo "dist-check: no data folder in the installation"; exit 1; }
echo "dist-check: $(basename "$archive") serves without a JDK on the PATH ($(du -sh "$home/runtime" | cut -f1) runtime)"
