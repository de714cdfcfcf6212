#!/usr/bin/env bash
# The Spring Boot sample under wrk: session4j's starter (samples/spring-boot) beside the same app on
# Spring Session (benchmarks/spring-boot-spring-session), on the same Redis and PostgreSQL, a page
# that reads the session and one that modifies it, with 1 and 16 connections. Writes
# benchmarks/report-boot.md (the "Spring Boot sample under wrk" section of benchmarks/REPORT.md,
# which this script also updates in place). Run as root on the project's Debian machine:
#
#   bash scripts/bench-boot.sh
#
# What a request is, for both apps (signed in as ada through the sample's own form login):
#   read:   GET /cart, which loads the SecurityContext, the CSRF token and the cart from the session
#           and renders the page (Thymeleaf, CSRF fields in five forms);
#   modify: POST /cart item=Assam&_csrf=..., which adds one to the cart (setAttribute) and answers
#           302 to /cart (not followed).
# Each connection has a session of its own (16 sign-ins for 16 connections, one wrk thread each),
# as 16 users would: no two requests race on one session.
#
# Settings (environment): BENCH_CPUS (taskset list for the apps and redis-server, default 1),
# JIT_CPUS (where the apps' JIT compiler threads run, default 0), WRK_CPUS (default 0), APP_WARMUP (seconds of wrk on both pages after each app start, for the JIT,
# default 60: with less, session4j's path, which is Jackson 3 for Spring Security's values, was
# still being compiled and measured at half its speed), WARMUP (seconds of wrk before each measurement, default 3), DURATION
# (seconds measured, default 10), ROUNDS (default 2: each round measures every app once, in
# alternating order, and the report gives each figure's best round), STORES (default
# "redis postgres"), APPS (default "session4j spring-session"), OFFLINE=1 builds with mvn -o,
# REPORT_ONLY=1 writes the report again from the last run's files (benchmarks/target/bench-boot/).
# The hand-written benchmarks/report-boot-notes.md, when present, ends the section.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/services/lib.sh

BENCH_CPUS=${BENCH_CPUS:-1}
WRK_CPUS=${WRK_CPUS:-0}
JIT_CPUS=${JIT_CPUS:-0}
APP_WARMUP=${APP_WARMUP:-60}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
STORES=${STORES:-redis postgres}
APPS=${APPS:-session4j spring-session}
STARTED=$(date +%s)
START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
step() { log "[$(($(date +%s) - STARTED))s] $*"; }

OUT="$ROOT/benchmarks/target/bench-boot"
if [ -z "${REPORT_ONLY:-}" ]; then

# --- what the run needs --------------------------------------------------------------------------
need_packages maven openjdk-17-jdk-headless procps util-linux curl python3
for service in redis jdbc wrk; do
  bash "scripts/services/$service.sh"
done

# --- build: both apps and their classpaths --------------------------------------------------------
step "building samples/spring-boot and benchmarks/spring-boot-spring-session"
mvn -B -q --no-transfer-progress ${OFFLINE:+-o} -T 1 -pl samples/spring-boot,benchmarks/spring-boot-spring-session -am \
  package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
SAMPLE="$ROOT/samples/spring-boot"
TWIN="$ROOT/benchmarks/spring-boot-spring-session"
CP_SESSION4J="$SAMPLE/target/classes:$(cat "$SAMPLE/target/classpath.txt")"
CP_SPRING="$TWIN/target/classes:$(cat "$TWIN/target/classpath.txt")"
MAIN=io.github.session4j.sample.boot.SampleApplication

# --- servers -------------------------------------------------------------------------------------
RUN=$(mktemp -d /tmp/session4j-bench-boot.XXXXXX)
rm -rf "$OUT" && mkdir -p "$OUT"
PIDS=()
PG_DB="session4j_bench_boot_$$"
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql_admin "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
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
psql_admin "CREATE DATABASE $PG_DB" >/dev/null
PG_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
step "redis-server :$REDIS_PORT and PostgreSQL database $PG_DB; apps and redis-server on CPU $BENCH_CPUS, wrk on CPU $WRK_CPUS"

# app_args APP STORE: the command line of one app on one store
app_args() {
  case "$1/$2" in
    session4j/redis) echo "-cp $CP_SESSION4J $MAIN --spring.profiles.active=redis --session.redis=redis://127.0.0.1:$REDIS_PORT" ;;
    session4j/postgres) echo "-cp $CP_SESSION4J $MAIN --spring.profiles.active=postgres --session.jdbc.url=$PG_URL --session.jdbc.user=postgres" ;;
    spring-session/redis) echo "-cp $CP_SPRING $MAIN --spring.profiles.active=spring-session-redis --spring.data.redis.port=$REDIS_PORT" ;;
    spring-session/postgres) echo "-cp $CP_SPRING $MAIN --spring.profiles.active=spring-session-jdbc --spring.datasource.url=$PG_URL" ;;
  esac
}
cookie_name() { [ "$1" = session4j ] && echo session || echo SESSION; }

# sign_in BASE JAR: signs ada in through the form, prints "cookie-pair<TAB>csrf-token" of the session
csrf_of() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
sign_in() {
  local base=$1 jar=$2 name=$3 token location
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | csrf_of)
  [ -n "$token" ] || die "no CSRF token on $base/login"
  location=$(curl -sS -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" --data-urlencode username=ada \
    --data-urlencode password=ada-lovelace-1815 --data-urlencode "_csrf=$token" "$base/login")
  [ "$location" = "$base/" ] || die "signing in at $base answered a redirect to '$location', not to /"
  token=$(curl -fsS -H 'Accept: text/html' -c "$jar" -b "$jar" "$base/cart" | csrf_of)
  printf '%s=%s\t%s\n' "$name" "$(awk -v n="$name" '$6 == n {print $7}' "$jar" | tail -1)" "$token"
}
# the CPU time of a JVM's threads so far but its JIT compiler's, in clock ticks (user + system): what
# serving the requests cost, GC included; the compiler's work depends on how far warm-up got
app_cpu() {
  local task total=0
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      "C1 CompilerThre"* | "C2 CompilerThre"*) ;;
      *) total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$total"
}
# moves a JVM's JIT compiler threads to JIT_CPUS, as bench.sh does: on the app's one CPU, C2 would
# compete with the requests for the whole warm-up
pin_compilers() {
  local task
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      "C1 CompilerThre"* | "C2 CompilerThre"*) taskset -p -c "$JIT_CPUS" "${task##*/}" >/dev/null 2>&1 || true ;;
    esac
  done
}
cart_count() { curl -fsS -H 'Accept: text/html' -H "Cookie: $2" "$1/" | sed -n 's/.*id="cart-count">\([0-9]*\)<.*/\1/p'; }

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
  local headers = {["Cookie"] = cookie, ["Accept"] = "text/html"}
  local body = nil
  if args[1] == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    body = "item=Assam&_csrf=" .. token
  end
  req = wrk.format(args[1], "/cart", headers, body)
end
function request()
  return req
end
LUA

printf 'round\tstore\tapp\tpage\tconnections\trequests_per_s\tmean_latency\terrors\tload\tapp_cpu_ticks\trequests\n' >"$OUT/wrk.tsv"
# measure ROUND STORE APP: starts the app, signs 16 sessions in, runs wrk on both pages with 1 and 16
# connections, checks that the sessions stayed signed in and that the modifying page did modify
measure() {
  local round=$1 store=$2 app=$3 port base pid name n sessions page method connections result cpu_before cpu_after
  port=$(free_port)
  base="http://127.0.0.1:$port"
  name=$(cookie_name "$app")
  step "round $round: $app on $store, :$port"
  # shellcheck disable=SC2046
  "${PIN[@]}" java -XX:+UseSerialGC -XX:-UseDynamicNumberOfCompilerThreads $(app_args "$app" "$store") \
    --server.port="$port" --server.address=127.0.0.1 >"$OUT/$app-$store-$round.log" 2>&1 &
  pid=$!
  PIDS+=($pid)
  sleep 1
  pin_compilers "$pid"
  wait_for_port 127.0.0.1 "$port" 120 || die "$app did not start on $store; see $OUT/$app-$store-$round.log"
  sessions="$RUN/sessions-$app-$store-$round.tsv"
  : >"$sessions"
  for n in $(seq 16); do
    sign_in "$base" "$RUN/jar-$app-$store-$round-$n" "$name" >>"$sessions"
  done
  local before
  before=$(cart_count "$base" "$(head -1 "$sessions" | cut -f1)")
  [ -n "$before" ] || die "$app on $store: GET / of a signed-in session shows no cart"
  # the JIT: on one CPU shared with redis-server C2 needs some seconds of both pages to settle
  for method in GET POST GET POST; do
    taskset -c "$WRK_CPUS" env SESSIONS="$sessions" wrk -t16 -c16 -d"$((APP_WARMUP / 4))s" -s "$RUN/sessions.lua" \
      "$base" -- "$method" >/dev/null 2>&1 || true
  done
  for page in read modify; do
    method=GET
    [ $page = modify ] && method=POST
    for connections in 1 16; do
      taskset -c "$WRK_CPUS" env SESSIONS="$sessions" wrk -t"$connections" -c"$connections" -d"${WARMUP}s" \
        -s "$RUN/sessions.lua" "$base" -- "$method" >/dev/null 2>&1 || true
      cpu_before=$(app_cpu "$pid")
      result=$(taskset -c "$WRK_CPUS" env SESSIONS="$sessions" wrk -t"$connections" -c"$connections" -d"${DURATION}s" \
        -s "$RUN/sessions.lua" "$base" -- "$method")
      cpu_after=$(app_cpu "$pid")
      echo "$result" >>"$OUT/wrk-$app-$store-$round.txt"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$round" "$store" "$app" "$page" "$connections" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$result")" "$(awk '/Latency/ {print $2; exit}' <<<"$result")" \
        "$(awk '/Non-2xx/ {print $NF}' <<<"$result" | grep . || echo 0)" >>"$OUT/wrk.tsv"
      printf '\t%s\t%s\t%s\n' "$(cut -d' ' -f1 /proc/loadavg)" "$((cpu_after - cpu_before))" \
        "$(awk '/requests in/ {print $1}' <<<"$result")" >>"$OUT/wrk.tsv"
    done
  done
  local after
  after=$(cart_count "$base" "$(head -1 "$sessions" | cut -f1)")
  [ -n "$after" ] || die "$app on $store: a session was signed out during the run (GET / shows no cart)"
  [ "$after" -gt "$before" ] || die "$app on $store: the modifying page did not modify the cart ($before, then $after)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

for round in $(seq "$ROUNDS"); do
  for store in $STORES; do
    if ((round % 2)); then apps="session4j spring-session"; else apps="spring-session session4j"; fi
    for app in $apps; do
      [[ " $APPS " == *" $app "* ]] || continue
      measure "$round" "$store" "$app"
    done
  done
done

fi

# --- report --------------------------------------------------------------------------------------
if [ -z "${REPORT_ONLY:-}" ]; then
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
ELAPSED=$(($(date +%s) - STARTED))
cat >"$OUT/env.properties" <<EOF
date=$START_DATE
clock_ticks=$(getconf CLK_TCK)
duration=$((ELAPSED / 60)) min $((ELAPSED % 60)) s
load_start=$LOAD_START
load_end=$LOAD_END
machine=$(uname -srm), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores
jdk=$(java -version 2>&1 | sed -n 2p)
redis=$(redis-server --version | awk '{print $3}'), own process, no persistence, taskset -c $BENCH_CPUS
postgresql=$(psql -h 127.0.0.1 -U postgres -d postgres -tAc 'show server_version'), the machine's server (not pinned), database $PG_DB, synchronous_commit = $(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc 'show synchronous_commit')
pinning=each app in a JVM of its own (SerialGC) on taskset -c $BENCH_CPUS with redis-server, its JIT compiler threads moved to CPU $JIT_CPUS; wrk 4.1 on taskset -c $WRK_CPUS
wrk=after each app start ${APP_WARMUP} s of both pages (16 connections) for the JIT; then per page and connection count ${WARMUP} s of warm-up and ${DURATION} s measured; $ROUNDS rounds, the apps in alternating order
EOF
fi
[ -s "$OUT/wrk.tsv" ] || die "no measurements in $OUT/wrk.tsv"
python3 - "$OUT" "$ROOT/benchmarks" <<'PY'
import csv, re, sys
out, bench = sys.argv[1], sys.argv[2]
env = dict(line.rstrip("\n").split("=", 1) for line in open(f"{out}/env.properties"))
rows = list(csv.DictReader(open(f"{out}/wrk.tsv"), delimiter="\t"))
ticks = int(env.get("clock_ticks", "100"))
best, errors, by_round, cpu = {}, {}, {}, {}
for r in rows:
    key = (r["store"], r["app"], r["page"], r["connections"])
    rps = float(r["requests_per_s"] or 0)
    best[key] = max(best.get(key, 0.0), rps)
    errors[key] = errors.get(key, 0) + int(r["errors"] or 0)
    by_round[key + (r["round"],)] = rps
    if r.get("requests") and int(r["requests"]) > 0:
        ms = int(r["app_cpu_ticks"]) * 1000.0 / ticks / int(r["requests"])
        cpu[key] = min(cpu.get(key, ms), ms)
rounds = sorted({r["round"] for r in rows}, key=int)
loads = [float(r["load"]) for r in rows if r.get("load")]
stores = [s for s in ("redis", "postgres") if any(k[0] == s for k in best)]
label = {"redis": "Redis", "postgres": "PostgreSQL"}
page_label = {"read": "read (`GET /cart`)", "modify": "modify (`POST /cart`)"}
md = ["## The Spring Boot sample under wrk: session4j's starter beside Spring Session", "",
      f"Generated by `bash scripts/bench-boot.sh`, started {env['date']}, in {env['duration']}. "
      "The same app (`samples/spring-boot`: Spring Boot 4.0.7, Spring Security form login with CSRF, "
      "Thymeleaf, Tomcat) with `session-spring-boot-starter` and a session4j backend jar, and with Spring "
      "Session 4.0.4 (`benchmarks/spring-boot-spring-session`: Boot's `spring-boot-session-data-redis` / "
      "`spring-boot-session-jdbc`, their defaults: `RedisSessionRepository`, `JdbcIndexedSessionRepository`), "
      "on the same Redis and PostgreSQL. session4j runs with its defaults.", "",
      f"> **Load average when the run started: {env['load_start']}; when it ended: {env['load_end']}** "
      f"({env['machine'].rsplit(', ', 1)[-1]}); during the measurements, from {min(loads):.1f} to {max(loads):.1f}. "
      "Compare the figures only with each other, as ratios.", "",
      "| | |", "|---|---|"]
for k in ("machine", "jdk", "redis", "postgresql", "pinning", "wrk"):
    md.append(f"| {k} | {env[k]} |")
md += ["", "Read: `GET /cart` of a signed-in user (the SecurityContext, the CSRF token and the cart read from "
       "the session, the page rendered). Modify: `POST /cart` with `item=Assam` and the CSRF token (one more "
       "tea in the cart, `setAttribute`; answered 302, not followed). Each connection has a session of its "
       "own (one wrk thread per connection). Figures are requests per second, the best of the rounds; "
       "the app's CPU per request is the user and system time of its JVM's threads but the JIT compiler's during "
       "the measurement over the requests served (the lowest of the rounds; redis-server and PostgreSQL not "
       "included), which other work on the "
       "machine disturbs less than the rate; errors are responses of 400 or more over all rounds.", "",
       "| store | page | connections | session4j | Spring Session | session4j / Spring Session | ratio in each round | app CPU per request, ms (session4j / Spring Session) | errors (session4j / Spring Session) |",
       "|---|---|---|---|---|---|---|---|---|"]
for s in stores:
    for page in ("read", "modify"):
        for c in ("1", "16"):
            a, b = best.get((s, "session4j", page, c), 0), best.get((s, "spring-session", page, c), 0)
            ratio = f"**{a / b:.2f}**" if a and b else "n/a"
            each = []
            for n in rounds:
                x, y = by_round.get((s, "session4j", page, c, n), 0), by_round.get((s, "spring-session", page, c, n), 0)
                each.append(f"{x / y:.2f}" if x and y else "n/a")
            ca, cb = cpu.get((s, "session4j", page, c)), cpu.get((s, "spring-session", page, c))
            cpus = f"{ca:.2f} / {cb:.2f}" if ca is not None and cb is not None else "n/a"
            md.append(f"| {label[s]} | {page_label[page]} | {c} | {a:,.0f} | {b:,.0f} | {ratio} | {' / '.join(each)} | {cpus} | "
                      f"{errors.get((s, 'session4j', page, c), 0)} / {errors.get((s, 'spring-session', page, c), 0)} |")
md += ["", "Every round's figures are in `benchmarks/target/bench-boot/wrk.tsv` after a run.", ""]
import os
if os.path.exists(f"{bench}/report-boot-notes.md"):
    md += [open(f"{bench}/report-boot-notes.md").read().rstrip("\n"), ""]
section = "\n".join(md)
open(f"{bench}/report-boot.md", "w").write(section)
report = f"{bench}/REPORT.md"
text = open(report).read()
start, end = "<!-- bench-boot.sh: start -->", "<!-- bench-boot.sh: end -->"
block = f"{start}\n{section}\n{end}"
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    marker = "## Reading this run (hand-written"
    text = text.replace(marker, block + "\n\n" + marker, 1) if marker in text else text.rstrip("\n") + "\n\n" + block + "\n"
open(report, "w").write(text)
PY
step "done: benchmarks/report-boot.md and its section in benchmarks/REPORT.md"
