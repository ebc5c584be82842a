#!/usr/bin/env bash
# Benchmark: wrk against one backend directly, through the gateway, and through nginx as a
# reverse proxy, in one run. Prints requests/s and p99 of each and the ratios.
# Usage: [WARMUP=60s] gateway/bench/run.sh [duration=10s] [connections=64] [moderate-connections=8]
# Each line also shows the 1-minute load average when the run started (other work on the machine
# skews every number) and, for the gateway, its CPU time per request (all its threads).
# Needs the gateway jar (./mvnw -pl gateway install -DskipTests) and a JDK 21+ under
# /usr/lib/jvm; installs the Debian packages wrk and nginx when missing.
set -euo pipefail

DURATION=${1:-10s}
# The JIT needs far more than 10 s under load on 2 shared cores: with a 10 s warm-up the C2
# compiler thread alone still used 2-3.5 s of CPU in each following 10 s window, and the
# gateway's event loops spent milliseconds of CPU per request instead of ~150 us.
WARMUP=${WARMUP:-60s}
CONNECTIONS=${2:-64}
MODERATE=${3:-8}
THREADS=2
BACKEND_PORT=18081
NGINX_PORT=18082
GATEWAY_PORT=18080
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$(ls "$HERE"/../target/gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "${JAVA:-}" ]; then
  for jdk in /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do [ -x "$jdk/bin/java" ] && JAVA=$jdk/bin/java && break; done
fi
WORK=$(mktemp -d)

command -v wrk >/dev/null && command -v nginx >/dev/null || {
  apt-get install -y -q wrk nginx >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk nginx >/dev/null; }
}
[ -n "$JAR" ] || { echo "no gateway jar: run ./mvnw -pl gateway install -DskipTests first" >&2; exit 1; }

cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -n "${GATEWAY_PID:-}" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# nginx plays both parts: the backend (a fixed 200 answer) and, on another port, the
# reverse proxy in front of it, with upstream keep-alive as a tuned proxy would have.
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server { listen 127.0.0.1:$BACKEND_PORT; location / { add_header X-Served-By order-service/bench-1; return 200 "ok\n"; } }
  server { listen 127.0.0.1:$NGINX_PORT; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$WORK/nginx.conf"

"$JAVA" -Xmx512m -jar "$JAR" --server.port=$GATEWAY_PORT --spring.profiles.active=local \
  --gateway.keys.directory="$WORK/keys" \
  --spring.cloud.discovery.client.simple.instances.order-service[0].uri=http://127.0.0.1:$BACKEND_PORT \
  --gateway.rate-limit.enabled=false \
  --logging.level.dev.distsys.gateway.access=${ACCESS_LOG_LEVEL:-INFO} > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
TOKEN=$(curl -fs -d grant_type=client_credentials -d client_id=demo -d client_secret=demo-secret \
  "http://127.0.0.1:$GATEWAY_PORT/auth/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
AUTH="Authorization: Bearer $TOKEN"
PATH_=/api/orders/O-1
curl -fs -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT$PATH_" >/dev/null || { echo "gateway not routing"; tail -40 "$WORK/gateway.log"; exit 1; }

# Warm up the JIT of the gateway.
wrk -t$THREADS -c$CONNECTIONS -d"$WARMUP" -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT$PATH_" >/dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$GATEWAY_PID/stat"; }
run() { # name url connections
  local out rps p99 load ticks requests cpu=""
  load=$(cut -d' ' -f1 /proc/loadavg)
  ticks=$(cpu_ticks)
  out=$(wrk -t$THREADS -c"$3" -d"$DURATION" --latency -H "$AUTH" "$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  if [ "$1" = gateway ]; then
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    cpu=$(awk -v t=$(( $(cpu_ticks) - ticks )) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "cpu %d us/req", t * 1000000 / hz / n }')
  fi
  printf '%-8s c=%-3s %10s req/s   p99 %8s   load %5s %s %s\n' "$1" "$3" "$rps" "$p99" "$load" "$cpu" "$errors" >&2
  echo "$rps $p99"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v); print v } else { sub(/s/,"",v); print v*1000 } }'; }

echo "wrk -t$THREADS, $DURATION each; machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $("$JAVA" -version 2>&1 | head -1)" >&2
for c in "$CONNECTIONS" "$MODERATE"; do
  read -r d_rps d_p99 < <(run direct "http://127.0.0.1:$BACKEND_PORT$PATH_" "$c")
  read -r g_rps g_p99 < <(run gateway "http://127.0.0.1:$GATEWAY_PORT$PATH_" "$c")
  read -r n_rps n_p99 < <(run nginx "http://127.0.0.1:$NGINX_PORT$PATH_" "$c")
  awk -v d="$d_rps" -v g="$g_rps" -v n="$n_rps" -v dp="$(to_ms "$d_p99")" -v gp="$(to_ms "$g_p99")" -v np="$(to_ms "$n_p99")" -v c="$c" 'BEGIN {
    printf "c=%s: gateway/direct %.1f%%, gateway/nginx %.1f%%, nginx/direct %.1f%%; added p99: gateway %.2f ms, nginx %.2f ms\n", c, 100*g/d, 100*g/n, 100*n/d, gp-dp, np-dp }'
done
