#!/usr/bin/env bash
# The WebFlux sample under wrk: session4j's starter with session-webflux (samples/webflux) beside the same app on
# Spring Session's ReactiveRedisSessionRepository (benchmarks/webflux-spring-session), on the same Redis, a
# request that reads the session and one that modifies it, with 1 and 16 connections. Writes
# benchmarks/report-webflux.md and its section of benchmarks/REPORT.md. Run as root on the project's Debian machine:
#
#   bash scripts/bench-webflux.sh
#
# What a request is, for both apps (signed in as ada through Spring Security reactive's form login):
#   read:   GET /visits, which loads the SecurityContext from the session (authorization) and reads the counter;
#   modify: POST /visits _csrf=..., which also checks the CSRF token kept in the session and adds one to the
#           counter (a save).
# Each connection has a session of its own (16 sign-ins, one wrk thread per connection): no two requests race
# on one session.
#
# Settings (environment): BENCH_CPUS (taskset list for the apps and redis-server, default 1), WRK_CPUS (default 0),
# APP_WARMUP (seconds of wrk on both requests after each app start, default 20), WARMUP (seconds before each
# measurement, default 3), DURATION (seconds measured, default 10), ROUNDS (default 2, apps in alternating order;
# the report gives each figure's best round), OFFLINE=1 builds with mvn -o, REPORT_ONLY=1 writes the report again
# from the last run's files (benchmarks/target/bench-webflux/), NOTE (one line for the report, such as
# "the machine was shared with other builds").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/services/lib.sh

BENCH_CPUS=${BENCH_CPUS:-1}
WRK_CPUS=${WRK_CPUS:-0}
APP_WARMUP=${APP_WARMUP:-20}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
NOTE=${NOTE:-}
STARTED=$(date +%s)
START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
step() { log "[$(($(date +%s) - STARTED))s] $*"; }
OUT="$ROOT/benchmarks/target/bench-webflux"

if [ -z "${REPORT_ONLY:-}" ]; then
need_packages maven openjdk-17-jdk-headless procps util-linux curl python3
for service in redis wrk; do
  bash "scripts/services/$service.sh"
done

step "building samples/webflux and benchmarks/webflux-spring-session"
mvn -B -q --no-transfer-progress ${OFFLINE:+-o} -T 1 -pl samples/webflux,benchmarks/webflux-spring-session -am \
  package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
SAMPLE="$ROOT/samples/webflux"
TWIN="$ROOT/benchmarks/webflux-spring-session"
CP_SESSION4J="$SAMPLE/target/classes:$(cat "$SAMPLE/target/classpath.txt")"
CP_SPRING="$TWIN/target/classes:$(cat "$TWIN/target/classpath.txt")"
MAIN=io.github.session4j.sample.webflux.WebFluxSampleApplication

RUN=$(mktemp -d /tmp/session4j-bench-webflux.XXXXXX)
rm -rf "$OUT" && mkdir -p "$OUT"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PIN=(taskset -c "$BENCH_CPUS")

REDIS_PORT=$(free_port)
mkdir -p "$RUN/redis"
"${PIN[@]}" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$RUN/redis" \
  --logfile "$RUN/redis/redis.log" --daemonize no &
PIDS+=($!)
wait_for_port 127.0.0.1 "$REDIS_PORT" 10 || die "redis-server did not start; see $RUN/redis/redis.log"
step "redis-server :$REDIS_PORT; apps and redis-server on CPU $BENCH_CPUS, wrk on CPU $WRK_CPUS"

app_args() {
  case "$1" in
    session4j) echo "-cp $CP_SESSION4J $MAIN --spring.profiles.active=redis --session.redis=redis://127.0.0.1:$REDIS_PORT" ;;
    spring-session) echo "-cp $CP_SPRING $MAIN --spring.profiles.active=spring-session-redis --spring.data.redis.port=$REDIS_PORT" ;;
  esac
}
cookie_name() { [ "$1" = session4j ] && echo session || echo SESSION; }
csrf_of() { sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -1; }
# sign_in BASE JAR NAME: signs ada in through the form, prints "cookie-pair<TAB>csrf-token" of the session
sign_in() {
  local base=$1 jar=$2 name=$3 token location
  token=$(curl -fsS -H 'Accept: text/html' -c "$jar" -b "$jar" "$base/login" | csrf_of)
  [ -n "$token" ] || die "no CSRF token on $base/login"
  location=$(curl -sS -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" --data-urlencode username=ada \
    --data-urlencode password=lovelace --data-urlencode "_csrf=$token" "$base/login")
  [ "$location" = "$base/" ] || die "signing in at $base answered a redirect to '$location', not to /"
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/csrf")
  printf '%s=%s\t%s\n' "$name" "$(awk -v n="$name" '$6 == n {print $7}' "$jar" | tail -1)" "$token"
}
visits() { curl -fsS -H "Cookie: $2" "$1/visits"; }

cat >"$RUN/sessions.lua" <<'LUA'
-- one session (cookie and CSRF token) per wrk thread, read from SESSIONS (one "cookie<TAB>token" a line)
local sessions = {}
for line in io.lines(os.getenv("SESSIONS")) do
  local cookie, token = line:match("([^\t]+)\t([^\t]+)")
  table.insert(sessions, {cookie = cookie, token = token})
end
local next_thread = 0
function setup(thread)
  local s = sessions[next_thread % #sessions + 1]
  next_thread = next_thread + 1
  thread:set("cookie", s.cookie)
  thread:set("token", s.token)
end
function init(args)
  local headers = {["Cookie"] = cookie}
  local body = nil
  if args[1] == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    body = "_csrf=" .. token
  end
  req = wrk.format(args[1], "/visits", headers, body)
end
function request()
  return req
end
LUA

printf 'round\tapp\tpage\tconnections\trequests_per_s\tmean_latency\terrors\tload\n' >"$OUT/wrk.tsv"
measure() {
  local round=$1 app=$2 port base pid name n sessions page method connections result before after
  port=$(free_port)
  base="http://127.0.0.1:$port"
  name=$(cookie_name "$app")
  step "round $round: $app, :$port"
  # shellcheck disable=SC2046
  "${PIN[@]}" java -XX:+UseSerialGC $(app_args "$app") --server.port="$port" --server.address=127.0.0.1 \
    >"$OUT/$app-$round.log" 2>&1 &
  pid=$!
  PIDS+=($pid)
  wait_for_port 127.0.0.1 "$port" 120 || die "$app did not start; see $OUT/$app-$round.log"
  sessions="$RUN/sessions-$app-$round.tsv"
  : >"$sessions"
  for n in $(seq 16); do
    sign_in "$base" "$RUN/jar-$app-$round-$n" "$name" >>"$sessions"
  done
  before=$(visits "$base" "$(head -1 "$sessions" | cut -f1)")
  for method in GET POST; do
    taskset -c "$WRK_CPUS" env SESSIONS="$sessions" wrk -t16 -c16 -d"$((APP_WARMUP / 2))s" -s "$RUN/sessions.lua" \
      "$base" -- "$method" >/dev/null 2>&1 || true
  done
  for page in read modify; do
    method=GET
    [ $page = modify ] && method=POST
    for connections in 1 16; do
      taskset -c "$WRK_CPUS" env SESSIONS="$sessions" wrk -t"$connections" -c"$connections" -d"${WARMUP}s" \
        -s "$RUN/sessions.lua" "$base" -- "$method" >/dev/null 2>&1 || true
      result=$(taskset -c "$WRK_CPUS" env SESSIONS="$sessions" wrk -t"$connections" -c"$connections" -d"${DURATION}s" \
        -s "$RUN/sessions.lua" "$base" -- "$method")
      echo "$result" >>"$OUT/wrk-$app-$round.txt"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$app" "$page" "$connections" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$result")" "$(awk '/Latency/ {print $2; exit}' <<<"$result")" \
        "$(awk '/Non-2xx/ {print $NF}' <<<"$result" | grep . || echo 0)" "$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT/wrk.tsv"
    done
  done
  after=$(visits "$base" "$(head -1 "$sessions" | cut -f1)")
  [[ "$after" =~ ^[0-9]+$ ]] || die "$app: a session was signed out during the run (GET /visits answered '$after')"
  [ "$after" -gt "$before" ] || die "$app: the modifying request did not modify the counter ($before, then $after)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then apps="session4j spring-session"; else apps="spring-session session4j"; fi
  for app in $apps; do
    measure "$round" "$app"
  done
done

ELAPSED=$(($(date +%s) - STARTED))
cat >"$OUT/env.properties" <<ENV
date=$START_DATE
duration=$((ELAPSED / 60)) min $((ELAPSED % 60)) s
load_start=$LOAD_START
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
machine=$(uname -srm), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores
jdk=$(java -version 2>&1 | sed -n 2p)
redis=$(redis-server --version | awk '{print $3}'), own process, no persistence, taskset -c $BENCH_CPUS
pinning=each app in a JVM of its own (SerialGC) on taskset -c $BENCH_CPUS with redis-server; wrk on taskset -c $WRK_CPUS
wrk=after each app start ${APP_WARMUP} s of both requests (16 connections); then per request and connection count ${WARMUP} s of warm-up and ${DURATION} s measured; $ROUNDS rounds, the apps in alternating order
note=$NOTE
ENV
fi

[ -s "$OUT/wrk.tsv" ] || die "no measurements in $OUT/wrk.tsv"
python3 - "$OUT" "$ROOT/benchmarks" <<'PY'
import csv, re, sys
out, bench = sys.argv[1], sys.argv[2]
env = dict(line.rstrip("\n").split("=", 1) for line in open(f"{out}/env.properties"))
rows = list(csv.DictReader(open(f"{out}/wrk.tsv"), delimiter="\t"))
best, errors, by_round = {}, {}, {}
for r in rows:
    key = (r["app"], r["page"], r["connections"])
    rps = float(r["requests_per_s"] or 0)
    best[key] = max(best.get(key, 0.0), rps)
    errors[key] = errors.get(key, 0) + int(r["errors"] or 0)
    by_round[key + (r["round"],)] = rps
rounds = sorted({r["round"] for r in rows}, key=int)
loads = [float(r["load"]) for r in rows if r.get("load")]
page_label = {"read": "read (`GET /visits`)", "modify": "modify (`POST /visits`)"}
md = ["## The WebFlux sample under wrk: session-webflux beside Spring Session's ReactiveRedisSessionRepository", "",
      f"Generated by `bash scripts/bench-webflux.sh`, started {env['date']}, in {env['duration']}. The same app "
      "(`samples/webflux`: Spring Boot 4.0.7, WebFlux on Reactor Netty, Spring Security reactive form login with "
      "CSRF) with `session-spring-boot-starter` (its reactive auto-configuration: `Session4jWebSessionManager`, "
      "store calls on session4j's bounded executor) and `session-redis`, and with Spring Session 4.0.4 "
      "(`benchmarks/webflux-spring-session`: Boot's `spring-boot-session-data-redis` in a reactive application, "
      "`ReactiveRedisSessionRepository` on Lettuce's reactive API), on the same Redis. Both with their defaults.", "",
      f"> **Load average when the run started: {env['load_start']}; when it ended: {env['load_end']}** "
      f"({env['machine'].rsplit(', ', 1)[-1]}); during the measurements, from {min(loads):.1f} to {max(loads):.1f}. "
      + (f"{env['note']}. " if env.get('note') else "") + "Compare the figures only with each other, as ratios.", "",
      "| | |", "|---|---|"]
for k in ("machine", "jdk", "redis", "pinning", "wrk"):
    md.append(f"| {k} | {env[k]} |")
md += ["", "Read: `GET /visits` of a signed-in user (the SecurityContext read from the session for the authorization, "
       "the counter read). Modify: `POST /visits` with the CSRF token (the token checked against the session, the "
       "counter incremented and saved). Each connection has a session of its own. Figures are requests per second, "
       "the best of the rounds; errors are responses of 400 or more over all rounds.", "",
       "| request | connections | session4j | Spring Session | session4j / Spring Session | ratio in each round | errors (session4j / Spring Session) |",
       "|---|---|---|---|---|---|---|"]
for page in ("read", "modify"):
    for c in ("1", "16"):
        a, b = best.get(("session4j", page, c), 0), best.get(("spring-session", page, c), 0)
        ratio = f"**{a / b:.2f}**" if a and b else "n/a"
        each = []
        for n in rounds:
            x, y = by_round.get(("session4j", page, c, n), 0), by_round.get(("spring-session", page, c, n), 0)
            each.append(f"{x / y:.2f}" if x and y else "n/a")
        md.append(f"| {page_label[page]} | {c} | {a:,.0f} | {b:,.0f} | {ratio} | {' / '.join(each)} | "
                  f"{errors.get(('session4j', page, c), 0)} / {errors.get(('spring-session', page, c), 0)} |")
md += ["", "Every round's figures are in `benchmarks/target/bench-webflux/wrk.tsv` after a run.", ""]
import os
if os.path.exists(f"{bench}/report-webflux-notes.md"):
    md += [open(f"{bench}/report-webflux-notes.md").read().rstrip("\n"), ""]
section = "\n".join(md)
open(f"{bench}/report-webflux.md", "w").write(section)
report = f"{bench}/REPORT.md"
text = open(report).read()
start, end = "<!-- bench-webflux.sh: start -->", "<!-- bench-webflux.sh: end -->"
block = f"{start}\n{section}\n{end}"
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    boot_end = "<!-- bench-boot.sh: end -->"
    if boot_end in text:  # right after the servlet twin's section
        i = text.index(boot_end) + len(boot_end)
        text = text[:i] + "\n\n" + block + text[i:]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
open(report, "w").write(text)
PY
step "done: benchmarks/report-webflux.md and its section in benchmarks/REPORT.md"
