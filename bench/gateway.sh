#!/usr/bin/env bash
# Benchmark of the gateway against nginx as a plain reverse proxy in front of the same search server, all measured
# in one run with the same load generator. Run `bench/gateway.sh --help` for the details.
#
# Everything it starts listens on or talks to 127.0.0.1 only, and is stopped on exit.
set -Eeuo pipefail
trap 'printf "error: line %s: \"%s\" failed (exit %s)\n" "$LINENO" "$BASH_COMMAND" "$?" >&2' ERR

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
JAR=$REPO_DIR/app/target/mcp-tools-gateway.jar
LUA_SCRIPT=$BENCH_DIR/mcp-post.lua
CACHE_DIR=$BENCH_DIR/.cache
RESULTS_DIR=$BENCH_DIR/results
RESULTS_TXT=$RESULTS_DIR/gateway-latest.txt
RESULTS_JSON=$RESULTS_DIR/gateway-latest.json
DATA_DIR=$REPO_DIR/../shared/data/hk-restaurants

DURATION=10       # seconds per measurement
ROUNDS=3          # every target is measured once per round, targets alternating
THREADS=2
CONNECTIONS=16
WARMUP=20         # seconds of load per target before measuring, at least
WARMUP_MAX=240    # ... and on until the JIT compilers of the Java processes serving it are quiet, at most this
INSTALL=1
BUILD=0
JFR=0             # --profile: record the gateway with JFR during the last round
GATEWAY_JVM=""    # --gateway-jvm: extra JVM options for the gateway
GZIP=0            # --gzip: the gateway's targets ask for gzip, as Node's fetch (most TypeScript MCP clients) does
GZIP_OPTION=""

# Targets from the issue (2-core machine).
TARGET_THROUGHPUT_RATIO=0.7   # gateway req/s >= 0.7 x nginx's
TARGET_P99_RATIO=2.0          # gateway p99 <= 2 x nginx's
TARGET_CACHED_RATIO=2.0       # cached gateway route req/s >= 2 x nginx's

WRK_COMMANDS=()
WORK_DIR=""
TARGETS=(direct nginx rest mcp cached)
declare -A LABEL=([direct]="(a) search server directly, POST /mcp tools/call"
    [nginx]="(b) nginx reverse proxy -> search server"
    [rest]="(c) gateway REST route, bearer token, Cache-Control: no-cache"
    [mcp]="(d) gateway /mcp tools/call, bearer token, Cache-Control: no-cache"
    [cached]="(e) gateway REST route, bearer token, response cache")
declare -A FIG=()

# shellcheck source=bench/lib/common.sh
source "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<EOF
Usage: bench/gateway.sh [options]

Measures the gateway's cost per request against a plain reverse proxy, on this machine, in one run:

  Starts from the jar the search server (the real data set when present, else the bundled demo data), the
  development issuer and the gateway (rate limits off, LOG_LEVEL=WARN), and nginx from Debian as a reverse proxy with
  upstream keep-alive in front of the search server. Then wrk (same threads, connections and duration for all)
  measures, alternating target by target in each round:

    (a) POST /mcp tools/call straight to the search server
    (b) the same through nginx
    (c) the gateway's REST route POST /api/v1/restaurants/search/district with a bearer token and
        Cache-Control: no-cache, so every request is authenticated, validated, rate-limit checked and sent on
    (d) the gateway's /mcp tools/call, likewise
    (e) the REST route without Cache-Control: answered from the gateway's response cache

  All ask for the districts ["Central district", "Admiralty"] (123 restaurants, about 144 KB). The search server
  keeps results of identical searches, so (a) to (d) cost the backend the same.

  Prints requests/s, p50 and p99 per target, the CPU time per request of the process answering it (cpu_us: the
  search server for (a), nginx's processes for (b), the gateway for (c) to (e): each proxy's own cost), the share
  of the machine's time stolen by its hypervisor while each target ran (steal%: throughput falls as it rises), and
  the ratios (c)/(b), (d)/(b), (e)/(b), of the means and of each round, against the targets
  (throughput >= ${TARGET_THROUGHPUT_RATIO}x nginx, p99 <= ${TARGET_P99_RATIO}x nginx, cached >= ${TARGET_CACHED_RATIO}x nginx). Results: bench/results/gateway-latest.txt and
  .json; raw wrk output and logs of the last run in bench/.cache/gateway-last-run/.

Options:
  --duration SECONDS     per measurement (default ${DURATION})
  --rounds N             rounds over all targets (default ${ROUNDS})
  --connections N        wrk connections (default ${CONNECTIONS})
  --threads N            wrk threads (default ${THREADS})
  --warmup SECONDS       load per target before measuring, at least (default ${WARMUP}); then on in slices of
                         ${WARMUP_SLICE} s until the JIT compiler threads of the Java processes serving the target (the
                         search server, and the gateway for (c)-(e)) used under ${JIT_QUIET} of a core in the last slice
  --warmup-max SECONDS   the longest warm-up per target (default ${WARMUP_MAX}); the report says if it was reached
  --profile              record the gateway with JFR during the last round (bench/.cache/gateway-last-run/gateway.jfr)
  --gateway-jvm OPTIONS  extra JVM options for the gateway, e.g. "-XX:+PreserveFramePointer" to profile it with perf
  --gzip                 the gateway's targets (c, d, e) send Accept-Encoding: gzip, as most TypeScript MCP clients do
  --targets LIST         measure only these, e.g. cached,nginx (default: all five; ratios need nginx)
  --build                rebuild the jar first
  --no-install           never install wrk, nginx or curl with apt-get
  -h, --help             this text
EOF
}

parse_args() {
    while (($#)); do
        case $1 in
            --duration) require_positive_int "$1" "${2-}"; DURATION=$2; shift ;;
            --rounds) require_positive_int "$1" "${2-}"; ROUNDS=$2; shift ;;
            --connections) require_positive_int "$1" "${2-}"; CONNECTIONS=$2; shift ;;
            --threads) require_positive_int "$1" "${2-}"; THREADS=$2; shift ;;
            --warmup) require_positive_int "$1" "${2-}"; WARMUP=$2; shift ;;
            --warmup-max) require_positive_int "$1" "${2-}"; WARMUP_MAX=$2; shift ;;
            --profile) JFR=1 ;;
            --gzip) GZIP=1; GZIP_OPTION=" --gzip" ;;
            --gateway-jvm) [[ ${2-} == -* ]] || { echo "error: --gateway-jvm takes JVM options, e.g. -Xmx256m" >&2; exit 2; }
                GATEWAY_JVM=$2; shift ;;
            --targets) [[ ${2-} =~ ^(direct|nginx|rest|mcp|cached)(,(direct|nginx|rest|mcp|cached))*$ ]] \
                || { echo "error: --targets takes a comma-separated list of direct,nginx,rest,mcp,cached" >&2; exit 2; }
                IFS=, read -r -a TARGETS <<<"$2"; shift ;;
            -h | --help) usage; exit 0 ;;
            *) common_option "$1" || { printf 'error: unknown option "%s" (see --help)\n' "$1" >&2; exit 2; } ;;
        esac
        shift
    done
    if ((WARMUP_MAX < WARMUP)); then
        echo "error: --warmup-max ($WARMUP_MAX) is shorter than --warmup ($WARMUP)" >&2
        exit 2
    fi
}

cleanup() {
    finish_run gateway
}

# ---------------------------------------------------------------------------------------------------------------
# The system: search server, dev issuer, gateway, nginx.


start_system() {
    local data_args=() token_json
    free_port; SEARCH_PORT=$FREE_PORT
    free_port; IDP_PORT=$FREE_PORT
    free_port; GATEWAY_PORT=$FREE_PORT
    if [[ -d $DATA_DIR ]]; then data_args=(--data-dir "$DATA_DIR"); DATA_NAME=$(basename "$DATA_DIR")
    else DATA_NAME="bundled demo data"; fi
    log "starting the search server (:$SEARCH_PORT, $DATA_NAME) and the dev issuer (:$IDP_PORT)"
    start_jar "$WORK_DIR/search.log" "" search-server --port "$SEARCH_PORT" "${data_args[@]}" --shutdown-timeout-seconds 2
    SEARCH_PID=$STARTED_PID
    start_jar "$WORK_DIR/idp.log" "-Xmx128m" dev-idp --port "$IDP_PORT"
    IDP_PID=$STARTED_PID
    wait_for_http "http://127.0.0.1:$SEARCH_PORT/health" "$SEARCH_PID" "$WORK_DIR/search.log" 60
    wait_for_http "http://127.0.0.1:$IDP_PORT/.well-known/openid-configuration" "$IDP_PID" "$WORK_DIR/idp.log" 60

    log "starting the gateway (:$GATEWAY_PORT)"
    local gateway_options=$GATEWAY_JVM
    ((JFR)) && gateway_options+=" -XX:+FlightRecorder"
    OIDC_ISSUER_URL=http://127.0.0.1:$IDP_PORT OIDC_CLIENT_IDS=dev-client \
        MCP_SEARCH_SERVER_URL=http://127.0.0.1:$SEARCH_PORT MCP_REASONING_SERVER_URL=http://127.0.0.1:1 \
        RATE_LIMIT_PER_MINUTE=0 RATE_LIMIT_BURST=0 LOG_LEVEL=WARN GATEWAY_PORT=$GATEWAY_PORT \
        start_jar "$WORK_DIR/gateway.log" "$gateway_options" gateway
    GATEWAY_PID=$STARTED_PID
    wait_for_http "http://127.0.0.1:$GATEWAY_PORT/health/live" "$GATEWAY_PID" "$WORK_DIR/gateway.log" 60

    token_json=$(curl -sf -u dev-client:dev-secret -d grant_type=client_credentials \
        "http://127.0.0.1:$IDP_PORT/oauth2/token") || die "the dev issuer gave no token"
    TOKEN=$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$token_json")
    [[ -n $TOKEN && $TOKEN != "$token_json" ]] || die "no access_token in the dev issuer's answer"
    start_nginx_proxy
}

start_nginx_proxy() {  # sets NGINX_URL
    local dir=$WORK_DIR/nginx port
    mkdir -p "$dir/temp"
    free_port; port=$FREE_PORT
    cat >"$dir/nginx.conf" <<EOF
# Generated by bench/gateway.sh: a plain reverse proxy in front of the search server.
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 75s;
$(nginx_temp_paths "$dir")
    upstream search {
        server 127.0.0.1:$SEARCH_PORT;
        keepalive 64;
        keepalive_requests 100000000;
    }
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://search;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # The search server checks Host against its allowed hosts (DNS-rebinding protection).
            proxy_set_header Host \$http_host;
            proxy_buffering on;
            proxy_buffers 64 16k;
        }
    }
}
EOF
    chmod -R a+rX "$WORK_DIR"
    "$NGINX" -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" -t >"$WORK_DIR/nginx-configtest.log" 2>&1 \
        || { cat "$WORK_DIR/nginx-configtest.log" >&2; die "nginx rejected its configuration"; }
    "$NGINX" -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" >"$WORK_DIR/nginx.log" 2>&1 &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    NGINX_URL=http://127.0.0.1:$port
    wait_for_http "$NGINX_URL/health" "$NGINX_PID" "$dir/nginx-error.log" 30
}

# ---------------------------------------------------------------------------------------------------------------
# Targets: the URL, body and headers of each, checked once before measuring.

prepare_targets() {
    write_tool_call "$WORK_DIR/mcp-call.json" search_restaurants_by_district \
        '{"districts":["Central district","Admiralty"]}'
    printf '{"districts":["Central district","Admiralty"]}' >"$WORK_DIR/rest-body.json"
    local auth="Authorization: Bearer $TOKEN"
    declare -gA URL=([direct]="http://127.0.0.1:$SEARCH_PORT/mcp" [nginx]="$NGINX_URL/mcp"
        [rest]="http://127.0.0.1:$GATEWAY_PORT/api/v1/restaurants/search/district"
        [mcp]="http://127.0.0.1:$GATEWAY_PORT/mcp"
        [cached]="http://127.0.0.1:$GATEWAY_PORT/api/v1/restaurants/search/district")
    declare -gA BODY=([direct]="$WORK_DIR/mcp-call.json" [nginx]="$WORK_DIR/mcp-call.json"
        [rest]="$WORK_DIR/rest-body.json" [mcp]="$WORK_DIR/mcp-call.json" [cached]="$WORK_DIR/rest-body.json")
    local gateway_extra=""
    ((GZIP)) && gateway_extra="|Accept-Encoding: gzip"
    declare -gA HEADERS=([direct]="" [nginx]="" [rest]="$auth|Cache-Control: no-cache$gateway_extra"
        [mcp]="$auth|Cache-Control: no-cache$gateway_extra" [cached]="$auth$gateway_extra")
    local target status size header_args
    for target in "${TARGETS[@]}"; do
        header_args=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
        IFS='|' read -r -a extra <<<"${HEADERS[$target]}"
        for header in "${extra[@]}"; do [[ -n $header ]] && header_args+=(-H "$header"); done
        # curl decodes a gzipped answer to check it; the size stays the bytes sent
        [[ ${HEADERS[$target]} == *Accept-Encoding* ]] && header_args+=(--compressed)
        read -r status size < <(curl -s -o "$WORK_DIR/answer-$target.json" -w '%{http_code} %{size_download}\n' \
            -X POST "${header_args[@]}" --data-binary "@${BODY[$target]}" "${URL[$target]}")
        [[ $status == 200 ]] || { head -c 400 "$WORK_DIR/answer-$target.json" >&2; die "$target answered HTTP $status"; }
        grep -q '"total_count":123' "$WORK_DIR/answer-$target.json" \
            || die "$target did not answer the 123 restaurants of the two districts"
        FIG[$target.bytes]=$size
        log "checked $target: HTTP 200, $size bytes"
    done
}

# The process that answers a target's requests: the search server itself, nginx (master and workers) or the gateway.
answering_pids() {  # target
    case $1 in
        direct) echo "$SEARCH_PID" ;;
        nginx) echo "$NGINX_PID" $(pgrep -P "$NGINX_PID") ;;
        *) echo "$GATEWAY_PID" ;;
    esac
}

cpu_ticks() {  # pid...: user + system CPU time of all their threads, in clock ticks
    local pid total=0 fields
    for pid in "$@"; do
        read -r -a fields <"/proc/$pid/stat"
        # field 2 (the name) holds no spaces for java and nginx, so utime and stime are fields 14 and 15
        total=$((total + fields[13] + fields[14]))
    done
    echo "$total"
}

# The machine's CPU time so far, all cores: "total stolen" in clock ticks, from the first line of /proc/stat. Stolen
# time is what the hypervisor gave other guests while this one had work: on the shared VMs of these runs it was 16-34%
# of the time under load, and a round's throughput went down as it went up.
machine_ticks() {
    local label fields total=0 field
    read -r label fields </proc/stat
    read -r -a fields <<<"$fields"
    for field in "${fields[@]:0:8}"; do total=$((total + field)); done  # user .. steal (guest time is within user)
    echo "$total ${fields[7]:-0}"
}

# The Java processes whose JIT must have settled before a target is measured: the search server is behind all of
# them, the gateway also serves (c) to (e).
java_pids() {  # target
    case $1 in
        direct | nginx) echo "$SEARCH_PID" ;;
        *) echo "$SEARCH_PID" "$GATEWAY_PID" ;;
    esac
}

# Loads a target until the JIT compilers of its Java processes have settled (see warm_until_settled).
warm_up() {  # target
    local target=$1 pids
    read -r -a pids <<<"$(java_pids "$target")"
    BENCH_HEADERS=${HEADERS[$target]} warm_until_settled "$target" "${URL[$target]}" "${BODY[$target]}" \
        "$CONNECTIONS" "$WARMUP" "$WARMUP_MAX" "${pids[@]}"
    FIG[$target.warmup_s]=$WARMED_S
    FIG[$target.warmup_settled]=$WARMED_SETTLED
}

measure() {  # target round seconds
    local target=$1 round=$2 pids before
    read -r -a pids <<<"$(answering_pids "$target")"
    local machine_before machine_after
    before=$(cpu_ticks "${pids[@]}")
    machine_before=$(machine_ticks)
    BENCH_HEADERS=${HEADERS[$target]} run_wrk "$target-round$round" "${URL[$target]}" "${BODY[$target]}" \
        "$CONNECTIONS" "$3"
    machine_after=$(machine_ticks)
    # the share of the machine's time stolen by the hypervisor during the round, in percent
    FIG[$target.$round.steal]=$(awk -v a="$machine_before" -v b="$machine_after" 'BEGIN {
        split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; printf "%.1f", (t > 0 ? 100 * (y[2] - x[2]) / t : 0) }')
    # CPU time per request of the answering process: the proxy's own cost, JIT and GC threads included
    FIG[$target.$round.cpu_us]=$(awk -v t=$(($(cpu_ticks "${pids[@]}") - before)) -v hz="$CLOCK_TICKS" \
        -v n="$WRK_REQUESTS" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }')
    FIG[$target.$round.rps]=$WRK_RPS
    FIG[$target.$round.p50]=$WRK_P50
    FIG[$target.$round.p99]=$WRK_P99
    FIG[$target.$round.errors]=$WRK_ERRORS
}

run_rounds() {
    local target round
    for target in "${TARGETS[@]}"; do
        log "warm-up: $target (at least ${WARMUP} s, until the JIT settles, at most ${WARMUP_MAX} s)"
        warm_up "$target"
    done
    LOAD_START=$(load_average)
    for ((round = 1; round <= ROUNDS; round++)); do
        if ((JFR && round == ROUNDS)); then
            "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" JFR.start name=bench settings=profile \
                filename="$WORK_DIR/gateway.jfr" >/dev/null
        fi
        for target in "${TARGETS[@]}"; do
            log "round $round/$ROUNDS: $target (${DURATION} s)"
            measure "$target" "$round" "$DURATION"
        done
        if ((JFR && round == ROUNDS)); then
            "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" JFR.stop name=bench >/dev/null
        fi
    done
    LOAD_END=$(load_average)
}

# ---------------------------------------------------------------------------------------------------------------
# Report.

# Each round's throughput over nginx's in the same round: the targets run back to back within a round, so these
# show how much of a ratio is the machine's speed changing between rounds rather than the code.
round_ratios() {  # target separator
    local target=$1 separator=$2 round out=""
    for ((round = 1; round <= ROUNDS; round++)); do
        out+="${out:+$separator}$(divide "${FIG[$target.$round.rps]:-0}" "${FIG[nginx.$round.rps]:-0}")"
    done
    echo "$out"
}

both() { [[ $1 == true && $2 == true ]] && echo true || echo false; }

has_ratio() { [[ -n ${FIG[$1.rps]:-} && -n ${FIG[nginx.rps]:-} ]]; }  # target: it and nginx were both measured

measured_or_null() { has_ratio "$1" && echo "$2" || echo null; }  # target value: else JSON null

figure() {  # target metric: the mean over the rounds
    local target=$1 metric=$2 round
    for ((round = 1; round <= ROUNDS; round++)); do echo "${FIG[$target.$round.$metric]}"; done | mean
}

report() {
    local target rps p50 p99 errors ratio_rest ratio_mcp ratio_cached p99_rest p99_mcp line
    REPORT=""
    REPORT+="Gateway benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ)"$'\n'
    REPORT+="Machine: $(nproc) cores, $(awk -F: '/model name/ { sub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo),"
    REPORT+=" $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); JDK $(java_major "$JAVA_HOME");"
    REPORT+=" $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }' || true)"$'\n'
    REPORT+="Load average (1 min): $LOAD_START at the start of the rounds, $LOAD_END at the end"$'\n'
    REPORT+="Command: bench/gateway.sh --duration $DURATION --rounds $ROUNDS --connections $CONNECTIONS --threads $THREADS --warmup $WARMUP --warmup-max $WARMUP_MAX${GATEWAY_JVM:+ --gateway-jvm \"$GATEWAY_JVM\"}${GZIP_OPTION}"$'\n'
    REPORT+="Warm-up (s of load until the JIT compilers were under $JIT_QUIET of a core):"
    for target in "${TARGETS[@]}"; do
        REPORT+=" $target ${FIG[$target.warmup_s]}"
        ((FIG[$target.warmup_settled])) || REPORT+=" (--warmup-max reached, JIT still busy)"
    done
    REPORT+=$'\n'
    REPORT+="Data: $DATA_NAME; query: districts [\"Central district\", \"Admiralty\"], 123 restaurants"$'\n'
    for line in "${WRK_COMMANDS[@]}"; do REPORT+="  $line"$'\n'; done
    REPORT+=$'\n'
    REPORT+=$(printf '%-70s %10s %9s %9s %7s %8s %7s %6s' target req/s p50_ms p99_ms errors bytes cpu_us steal%)$'\n'
    for target in "${TARGETS[@]}"; do
        rps=$(figure "$target" rps); p50=$(figure "$target" p50); p99=$(figure "$target" p99)
        errors=$(for ((r = 1; r <= ROUNDS; r++)); do echo "${FIG[$target.$r.errors]}"; done | sum)
        FIG[$target.rps]=$rps; FIG[$target.p50]=$p50; FIG[$target.p99]=$p99; FIG[$target.errors]=$errors
        FIG[$target.cpu_us]=$(figure "$target" cpu_us)
        FIG[$target.steal]=$(figure "$target" steal)
        REPORT+=$(printf '%-70s %10.0f %9.3f %9.3f %7d %8s %7.0f %6.1f' "${LABEL[$target]}" "$rps" "$p50" "$p99" \
            "$errors" "${FIG[$target.bytes]}" "${FIG[$target.cpu_us]}" "${FIG[$target.steal]}")$'\n'
        REPORT+="      rounds req/s: $(for ((r = 1; r <= ROUNDS; r++)); do printf '%s ' "${FIG[$target.$r.rps]}"; done)"
        REPORT+=" steal%: $(for ((r = 1; r <= ROUNDS; r++)); do printf '%s ' "${FIG[$target.$r.steal]}"; done)"$'\n'
    done
    ratio_rest=$(divide "${FIG[rest.rps]:-0}" "${FIG[nginx.rps]:-0}")
    ratio_mcp=$(divide "${FIG[mcp.rps]:-0}" "${FIG[nginx.rps]:-0}")
    ratio_cached=$(divide "${FIG[cached.rps]:-0}" "${FIG[nginx.rps]:-0}")
    p99_rest=$(divide "${FIG[rest.p99]:-0}" "${FIG[nginx.p99]:-0}")
    p99_mcp=$(divide "${FIG[mcp.p99]:-0}" "${FIG[nginx.p99]:-0}")
    MET_REST=$(yes_no at_least "$ratio_rest" "$TARGET_THROUGHPUT_RATIO")
    MET_MCP=$(yes_no at_least "$ratio_mcp" "$TARGET_THROUGHPUT_RATIO")
    MET_P99_REST=$(yes_no below "$p99_rest" "$TARGET_P99_RATIO")
    MET_P99_MCP=$(yes_no below "$p99_mcp" "$TARGET_P99_RATIO")
    MET_CACHED=$(yes_no at_least "$ratio_cached" "$TARGET_CACHED_RATIO")
    if [[ -z ${FIG[nginx.rps]:-} ]]; then
        REPORT+=$'\n'"No ratios: nginx (b) was not measured (--targets)."$'\n'
    else
        REPORT+=$'\n'"Ratios against nginx (b):"$'\n'
    fi
    if has_ratio rest; then  # a target left out (--targets) has no ratio
        REPORT+="  (c)/(b) throughput $ratio_rest (target >= $TARGET_THROUGHPUT_RATIO: $(met_word "$MET_REST"); by round: $(round_ratios rest " ")), p99 $p99_rest (target <= $TARGET_P99_RATIO: $(met_word "$MET_P99_REST"))"$'\n'
    fi
    if has_ratio mcp; then
        REPORT+="  (d)/(b) throughput $ratio_mcp (target >= $TARGET_THROUGHPUT_RATIO: $(met_word "$MET_MCP"); by round: $(round_ratios mcp " ")), p99 $p99_mcp (target <= $TARGET_P99_RATIO: $(met_word "$MET_P99_MCP"))"$'\n'
    fi
    if has_ratio cached; then
        REPORT+="  (e)/(b) throughput $ratio_cached (target >= $TARGET_CACHED_RATIO: $(met_word "$MET_CACHED"); by round: $(round_ratios cached " "))"$'\n'
    fi
    if has_ratio direct; then
        REPORT+="  (a)/(b) throughput $(divide "${FIG[direct.rps]:-0}" "${FIG[nginx.rps]:-0}") (the proxy's own cost, for reference)"$'\n'
    fi
    RATIOS_JSON="\"rest_over_nginx\": $(measured_or_null rest "$ratio_rest"),"
    RATIOS_JSON+=" \"mcp_over_nginx\": $(measured_or_null mcp "$ratio_mcp"),"
    RATIOS_JSON+=" \"cached_over_nginx\": $(measured_or_null cached "$ratio_cached"),"
    RATIOS_JSON+=" \"rest_p99_over_nginx\": $(measured_or_null rest "$p99_rest"),"
    RATIOS_JSON+=" \"mcp_p99_over_nginx\": $(measured_or_null mcp "$p99_mcp")"
    for target in rest mcp cached; do
        if has_ratio "$target"; then
            RATIOS_JSON+=", \"${target}_over_nginx_by_round\": [$(round_ratios "$target" ", ")]"
        fi
    done
}

write_results() {
    local target first=1
    mkdir -p "$RESULTS_DIR"
    printf '%s' "$REPORT" >"$RESULTS_TXT"
    {
        printf '{\n  "date": "%s", "duration_s": %s, "rounds": %s, "connections": %s, "threads": %s,\n' \
            "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$DURATION" "$ROUNDS" "$CONNECTIONS" "$THREADS"
        printf '  "warmup": {"min_s": %s, "max_s": %s, "jit_quiet_core_share": %s},\n' "$WARMUP" "$WARMUP_MAX" "$JIT_QUIET"
        printf '  "load_average": {"start": %s, "end": %s},\n' "$(number_or_null "$LOAD_START")" \
            "$(number_or_null "$LOAD_END")"
        printf '  "targets": {'
        for target in "${TARGETS[@]}"; do
            ((first)) || printf ','
            first=0
            printf '\n    "%s": {"label": %s, "rps": %s, "p50_ms": %s, "p99_ms": %s, "errors": %s, "bytes": %s, "cpu_us_per_request": %s, "steal_percent": %s, "warmup_s": %s}' \
                "$target" "$(json_string "${LABEL[$target]}")" "${FIG[$target.rps]}" "${FIG[$target.p50]}" \
                "${FIG[$target.p99]}" "${FIG[$target.errors]}" "${FIG[$target.bytes]}" "${FIG[$target.cpu_us]}" \
                "${FIG[$target.steal]}" "${FIG[$target.warmup_s]}"
        done
        printf '\n  },\n  "ratios": {%s},\n' "$RATIOS_JSON"
        # null where a target the verdict needs was left out (--targets)
        printf '  "targets_met": {"throughput": %s, "p99": %s, "cached": %s}\n}\n' \
            "$(measured_or_null mcp "$(measured_or_null rest "$(both "$MET_REST" "$MET_MCP")")")" \
            "$(measured_or_null mcp "$(measured_or_null rest "$(both "$MET_P99_REST" "$MET_P99_MCP")")")" \
            "$(measured_or_null cached "$MET_CACHED")"
    } >"$RESULTS_JSON"
    printf '\n%s' "$REPORT"
    log "results: ${RESULTS_TXT#"$REPO_DIR"/} and ${RESULTS_JSON#"$REPO_DIR"/}"
}

main() {
    parse_args "$@"
    JAVA_HOME=$(pick_java_home)
    export JAVA_HOME
    ensure_tools curl wrk nginx  # also sets NGINX
    ensure_jar
    trap cleanup EXIT
    WORK_DIR=$(mktemp -d)
    start_system
    prepare_targets
    run_rounds
    report
    write_results
}

main "$@"
