#!/usr/bin/env bash
# Soak run of the gateway: mixed traffic for 10 minutes while backends hang, die and come back, sampling the
# gateway's heap after GC, threads, file descriptors and connections. Run `bench/soak.sh --help` for the details.
#
# Everything it starts listens on or talks to 127.0.0.1 only, and is stopped on exit.
set -Eeuo pipefail
trap 'printf "error: line %s: \"%s\" failed (exit %s)\n" "$LINENO" "$BASH_COMMAND" "$?" >&2' ERR

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
JAR=$REPO_DIR/app/target/mcp-tools-gateway.jar
CACHE_DIR=$BENCH_DIR/.cache
RESULTS_DIR=$BENCH_DIR/results
RESULTS_TXT=$RESULTS_DIR/soak-latest.txt
RESULTS_JSON=$RESULTS_DIR/soak-latest.json
DATA_DIR=$REPO_DIR/../shared/data/hk-restaurants

DURATION=600        # seconds of load
SAMPLE_EVERY=30     # seconds between samples of the gateway process
WARMUP=60           # samples before this many seconds are shown but not judged (JIT, caches, pools filling)
FAULT_SECONDS=20    # how long each injected fault lasts
INSTALL=1
BUILD=0

# Pass criteria for "stable": heap after a full GC may not trend up by more than this per minute (least-squares
# slope over the judged samples) nor end more than this far above where it started; threads, file descriptors and
# connections may not end higher than their first judged sample plus these margins.
MAX_HEAP_SLOPE_MB_PER_MIN=1.0
MAX_HEAP_GROWTH_MB=16
MAX_THREAD_GROWTH=8
MAX_FD_GROWTH=16
MAX_CONNECTION_GROWTH=8

WORK_DIR=""

# shellcheck source=bench/lib/common.sh
source "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<EOF
Usage: bench/soak.sh [options]

Soak run of the gateway (app/target/mcp-tools-gateway.jar) with real processes on this machine:

  Starts the development OIDC issuer, the search server (on the real data set when present, else the bundled demo
  set), the reasoning server and the gateway, each as its own JVM, with a third backend 'ghost' configured at a
  port where nothing listens. Five load-test clients then run at once for the whole duration:

    district   POST /api/v1/restaurants/search/district, Cache-Control: no-cache (every call reaches the backend)
    meal-type  POST /api/v1/restaurants/search/meal-type (served from the gateway's response cache)
    mcp        POST /mcp tools/call search_restaurants_by_meal_type (the gateway's MCP endpoint)
    analyze    POST /api/v1/restaurants/analyze, no-cache (reasoning server: the faults below hit it)
    ghost      POST /api/v1/ghost/lookup (a dead backend: 503 every time, circuit breaker open)

  Injected faults on the reasoning server, each for ${FAULT_SECONDS} s: SIGSTOP (it hangs: 504s, then the breaker opens)
  at 20% of the run, SIGKILL and a restart at 45%, SIGSTOP again at 70%.

  Every --sample-every seconds: a full GC of the gateway (jcmd GC.run), then its heap use (jstat), RSS, threads,
  open file descriptors, inbound and backend TCP connections (ss) and the pool gauges from /metrics/prometheus.

  Passes when: district, meal-type and mcp have no failed request; analyze fails only with 503/504 (the injected
  faults); ghost answers 503 every time; and over the samples after --warmup the heap after GC trends up by less
  than ${MAX_HEAP_SLOPE_MB_PER_MIN} MB/min and ends within ${MAX_HEAP_GROWTH_MB} MB of its start, threads end within ${MAX_THREAD_GROWTH}, file descriptors within
  ${MAX_FD_GROWTH} and connections within ${MAX_CONNECTION_GROWTH} of theirs. Exit code 0 then, 1 otherwise.

  Results: bench/results/soak-latest.txt and .json; logs of the last run in bench/.cache/soak-last-run/.

Options:
  --duration SECONDS      load duration (default ${DURATION})
  --sample-every SECONDS  sampling interval (default ${SAMPLE_EVERY})
  --warmup SECONDS        samples before this are not judged (default ${WARMUP})
  --data-dir DIR          data set for the search server (default ../shared/data/hk-restaurants, if present)
  --build                 rebuild the jar first (./mvnw -q package -DskipTests)
  --no-install            never install missing tools (curl, iproute2) with apt-get
  -h, --help              this text
EOF
}

parse_args() {
    while (($#)); do
        case $1 in
            --duration) require_positive_int "$1" "${2:-}"; DURATION=$2; shift ;;
            --sample-every) require_positive_int "$1" "${2:-}"; SAMPLE_EVERY=$2; shift ;;
            --warmup) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "error: --warmup needs a whole number" >&2; exit 2; }
                WARMUP=$2; shift ;;
            --data-dir) [[ -d ${2:-} ]] || { echo "error: --data-dir: ${2:-} is not a directory" >&2; exit 2; }
                DATA_DIR=$2; shift ;;
            -h | --help) usage; exit 0 ;;
            *) common_option "$1" || { printf 'error: unknown option "%s" (see --help)\n' "$1" >&2; exit 2; } ;;
        esac
        shift
    done
}

cleanup() {
    finish_run soak
}

# ---------------------------------------------------------------------------------------------------------------
# The system under test.

start_reasoning() {
    start_jar "$WORK_DIR/reasoning-$((++REASONING_STARTS)).log" "-Xmx256m" reasoning-server --port "$REASONING_PORT" \
        --shutdown-timeout-seconds 2
    REASONING_PID=$STARTED_PID
    wait_for_http "http://127.0.0.1:$REASONING_PORT/health" "$REASONING_PID" \
        "$WORK_DIR/reasoning-$REASONING_STARTS.log" 60
}

write_gateway_config() {  # file
    cat >"$1" <<EOF
server: {host: 127.0.0.1, port: $GATEWAY_PORT}
backends:
  - {name: restaurant-search, url: "http://127.0.0.1:$SEARCH_PORT"}
  - {name: restaurant-reasoning, url: "http://127.0.0.1:$REASONING_PORT", request_timeout_ms: 2000,
     total_timeout_ms: 3000}
  - {name: ghost, url: "http://127.0.0.1:$GHOST_PORT", request_timeout_ms: 1000, total_timeout_ms: 1500}
routes:
  - {path: /api/v1/restaurants/search/district, backend: restaurant-search, tool: search_restaurants_by_district}
  - {path: /api/v1/restaurants/search/meal-type, backend: restaurant-search, tool: search_restaurants_by_meal_type}
  - {path: /api/v1/restaurants/analyze, backend: restaurant-reasoning, tool: analyze_restaurant_sentiment}
  - {path: /api/v1/ghost/lookup, backend: ghost, tool: lookup}
health: {probe_interval_seconds: 2, probe_timeout_ms: 500}
rate_limits: {per_minute: 0, burst: 0}
resilience: {wait_in_open_seconds: 5}
EOF
}

start_system() {
    local data_args=()
    free_port; IDP_PORT=$FREE_PORT
    free_port; SEARCH_PORT=$FREE_PORT
    free_port; REASONING_PORT=$FREE_PORT
    free_port; GATEWAY_PORT=$FREE_PORT
    free_port; GHOST_PORT=$FREE_PORT
    GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT
    TOKEN_ENDPOINT=http://127.0.0.1:$IDP_PORT/oauth2/token
    if [[ -d $DATA_DIR ]]; then data_args=(--data-dir "$DATA_DIR"); DATA_NAME=$(basename "$DATA_DIR");
    else DATA_NAME="bundled demo data"; fi

    log "starting the dev issuer (:$IDP_PORT), search server (:$SEARCH_PORT, $DATA_NAME), reasoning server (:$REASONING_PORT)"
    start_jar "$WORK_DIR/idp.log" "-Xmx128m" dev-idp --port "$IDP_PORT"
    IDP_PID=$STARTED_PID
    start_jar "$WORK_DIR/search.log" "-Xmx512m" search-server --port "$SEARCH_PORT" "${data_args[@]}" \
        --shutdown-timeout-seconds 2
    SEARCH_PID=$STARTED_PID
    REASONING_STARTS=0
    start_reasoning
    wait_for_http "http://127.0.0.1:$IDP_PORT/.well-known/openid-configuration" "$IDP_PID" "$WORK_DIR/idp.log" 60
    wait_for_http "http://127.0.0.1:$SEARCH_PORT/health" "$SEARCH_PID" "$WORK_DIR/search.log" 60

    write_gateway_config "$WORK_DIR/gateway.yaml"
    log "starting the gateway (:$GATEWAY_PORT; backend 'ghost' at :$GHOST_PORT, where nothing listens)"
    GATEWAY_GC_LOG=$WORK_DIR/gateway-gc.log
    OIDC_ISSUER_URL=http://127.0.0.1:$IDP_PORT OIDC_CLIENT_IDS=dev-client LOG_FORMAT=JSON \
        start_jar "$WORK_DIR/gateway.log" "-Xmx512m -Xlog:gc:file=$GATEWAY_GC_LOG" gateway \
        --config "$WORK_DIR/gateway.yaml"
    GATEWAY_PID=$STARTED_PID
    wait_for_http "$GATEWAY_URL/health/live" "$GATEWAY_PID" "$WORK_DIR/gateway.log" 60
}

# ---------------------------------------------------------------------------------------------------------------
# Load.

LOAD_NAMES=(district meal-type mcp analyze ghost)
declare -A LOAD_PID=()

start_load() {  # name concurrency endpoint body [header...]
    local name=$1 concurrency=$2 endpoint=$3 body=$4 headers=()
    shift 4
    for header in "$@"; do headers+=(--header "$header"); done
    CLIENT_SECRET=dev-secret "$JAVA_HOME/bin/java" -Xmx256m -jar "$JAR" load-test --url "$GATEWAY_URL" \
        --token-endpoint "$TOKEN_ENDPOINT" --client-id dev-client --endpoint "$endpoint" --body "$body" \
        --concurrency "$concurrency" --duration "${DURATION}s" --timeout-ms 10000 --min-success 0 --json \
        "${headers[@]}" >"$WORK_DIR/load-$name.json" 2>"$WORK_DIR/load-$name.err" &
    LOAD_PID[$name]=$!
    PIDS+=("$!")
}

start_all_load() {
    local sentiment='{"restaurants": [{"id": "a", "name": "A", "sentiment": {"likes": 9, "dislikes": 1, "neutral": 0}},'
    sentiment+=' {"id": "b", "name": "B", "sentiment": {"likes": 2, "dislikes": 5, "neutral": 3}}]}'
    log "starting ${#LOAD_NAMES[@]} load-test clients for $DURATION s"
    start_load district 3 /api/v1/restaurants/search/district '{"districts": ["Central district", "Admiralty"]}' \
        "Cache-Control: no-cache"
    start_load meal-type 2 /api/v1/restaurants/search/meal-type '{"meal_types": ["breakfast"], "limit": 50}'
    start_load mcp 2 /mcp '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "search_restaurants_by_meal_type", "arguments": {"meal_types": ["lunch"], "limit": 20}}}' \
        "Accept: application/json, text/event-stream"
    start_load analyze 2 /api/v1/restaurants/analyze "$sentiment" "Cache-Control: no-cache"
    start_load ghost 1 /api/v1/ghost/lookup '{"q": "x"}'
}

# ---------------------------------------------------------------------------------------------------------------
# Faults and samples.

FAULTS=()  # "start_s end_s what"

inject_faults_due() {  # elapsed-seconds: starts and ends the faults whose time has come
    local t=$1
    case $FAULT_STATE in
        none) if ((t >= DURATION * 20 / 100)); then kill -STOP "$REASONING_PID"; FAULT_START=$t
                FAULT_STATE=hang1; log "fault: reasoning server stopped (SIGSTOP) at ${t}s"; fi ;;
        hang1) if ((t >= FAULT_START + FAULT_SECONDS)); then kill -CONT "$REASONING_PID"
                FAULTS+=("$FAULT_START $t reasoning server hung (SIGSTOP)"); FAULT_STATE=after1
                log "fault over: reasoning server continued at ${t}s"; fi ;;
        after1) if ((t >= DURATION * 45 / 100)); then kill -KILL "$REASONING_PID"; wait "$REASONING_PID" 2>/dev/null || true
                FAULT_START=$t; FAULT_STATE=dead; log "fault: reasoning server killed (SIGKILL) at ${t}s"; fi ;;
        dead) if ((t >= FAULT_START + FAULT_SECONDS)); then start_reasoning
                FAULTS+=("$FAULT_START $t reasoning server killed, then restarted"); FAULT_STATE=after2
                log "fault over: reasoning server restarted at ${t}s"; fi ;;
        after2) if ((t >= DURATION * 70 / 100)); then kill -STOP "$REASONING_PID"; FAULT_START=$t
                FAULT_STATE=hang2; log "fault: reasoning server stopped (SIGSTOP) at ${t}s"; fi ;;
        hang2) if ((t >= FAULT_START + FAULT_SECONDS)); then kill -CONT "$REASONING_PID"
                FAULTS+=("$FAULT_START $t reasoning server hung (SIGSTOP)"); FAULT_STATE=done
                log "fault over: reasoning server continued at ${t}s"; fi ;;
    esac
}

# Asks the gateway for a full GC (jcmd GC.run returns when it is done) and prints the heap it left, from the GC log
# line "Pause Full (Diagnostic Command) 85M->18M(256M)": a reading taken under load afterwards would include new garbage.
heap_after_full_gc() {
    "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" GC.run >/dev/null 2>&1 || true
    grep 'Pause Full (Diagnostic Command)' "$GATEWAY_GC_LOG" | tail -1 | sed -n 's/.*->\([0-9]*\)M(.*/\1/p'
}

count_connections() {  # ss filter
    ss -Htn state established "$1" 2>/dev/null | wc -l | tr -d ' '
}

take_sample() {  # elapsed-seconds
    local t=$1 heap rss threads fds inbound outbound pool breaker
    heap=$(heap_after_full_gc)
    rss=$(rss_mb "$GATEWAY_PID")
    threads=$(awk '$1 == "Threads:" { print $2 }' "/proc/$GATEWAY_PID/status")
    fds=$(find "/proc/$GATEWAY_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l | tr -d ' ')
    inbound=$(count_connections "( sport = :$GATEWAY_PORT )")
    outbound=$(count_connections "( dport = :$SEARCH_PORT or dport = :$REASONING_PORT )")
    pool=$(curl -sf --max-time 5 "$GATEWAY_URL/metrics/prometheus" \
        | awk '/^gateway_backend_connections\{.*state="open"/ { s += $NF } END { printf "%d", s }' || echo "")
    breaker=$(curl -s --max-time 5 "$GATEWAY_URL/health" | grep -o '"restaurant-reasoning":{[^}]*}' \
        | grep -o '"circuit_breaker":"[a-z_]*"' | cut -d'"' -f4 || true)
    printf '%s %s %s %s %s %s %s %s %s\n' "$t" "${heap:-0}" "${rss:-0}" "${threads:-0}" "$fds" "$inbound" \
        "$outbound" "${pool:-0}" "${breaker:-unknown}" >>"$WORK_DIR/samples.txt"
    log "t=${t}s heap-after-GC=${heap}MB rss=${rss}MB threads=$threads fds=$fds conns in/out=$inbound/$outbound pool=$pool reasoning-breaker=${breaker:-?}"
}

run_soak() {
    local start t next_sample=0 name
    FAULT_STATE=none
    : >"$WORK_DIR/samples.txt"
    start=$(now_ms)
    while :; do
        t=$((($(now_ms) - start) / 1000))
        ((t >= DURATION)) && break
        inject_faults_due "$t"
        if ((t >= next_sample)); then take_sample "$t"; next_sample=$((next_sample + SAMPLE_EVERY)); fi
        sleep 1
    done
    [[ $FAULT_STATE == hang1 || $FAULT_STATE == hang2 ]] && kill -CONT "$REASONING_PID"
    log "waiting for the load-test clients to finish"
    for name in "${LOAD_NAMES[@]}"; do wait "${LOAD_PID[$name]}" || true; done
    sleep 2  # let pools settle after the load, then one last sample
    take_sample "$DURATION"
}

# ---------------------------------------------------------------------------------------------------------------
# Verdict.

json_number() {  # file key: the first top-level "key": number
    grep -o "\"$2\" *: *[0-9.]*" "$1" | head -1 | sed 's/.*: *//'
}

# The error lines of a load-test JSON result ("errors": {"HTTP 503 ... (CODE)": n, ...}), one "text<TAB>count" a line.
load_errors() {  # name
    awk '/"errors" *: *\{ *\}/ { next } /"errors" *: *\{/ { inside = 1; next } inside && /^ *\}/ { inside = 0 }
        inside { line = $0; sub(/^ *"/, "", line); n = line; sub(/".*/, "", line); sub(/.*: */, "", n); sub(/,$/, "", n)
                 print line "\t" n }' "$WORK_DIR/load-$1.json"
}

judge_load() {  # name allowed-error-regex-or-empty: sets LOAD_OK and LOAD_LINE
    local name=$1 allowed=$2 file=$WORK_DIR/load-$1.json requests succeeded failed rps unexpected=0 text count
    if [[ ! -s $file ]]; then
        LOAD_OK=false; LOAD_LINE="$name: no result ($(tail -n 3 "$WORK_DIR/load-$name.err" 2>/dev/null | tr '\n' ' '))"
        return
    fi
    requests=$(json_number "$file" requests); succeeded=$(json_number "$file" succeeded)
    failed=$(json_number "$file" failed); rps=$(json_number "$file" throughput_per_second)
    while IFS=$'\t' read -r text count; do
        [[ -z $text ]] && continue
        if [[ -z $allowed || ! $text =~ $allowed ]]; then unexpected=$((unexpected + count)); fi
    done < <(load_errors "$name")
    LOAD_OK=$([[ $unexpected == 0 ]] && echo true || echo false)
    LOAD_LINE=$(printf '%-10s %8s requests  %8s ok  %7s failed (%s unexpected)  %7s req/s' "$name" "$requests" \
        "$succeeded" "$failed" "$unexpected" "$rps")
    LOAD_JSON+="$(printf '"%s": {"requests": %s, "succeeded": %s, "failed": %s, "unexpected_failures": %s, "throughput_per_second": %s}' \
        "$name" "${requests:-0}" "${succeeded:-0}" "${failed:-0}" "$unexpected" "${rps:-0}"),"
}

# Least-squares slope of column 2 against column 1 (seconds), in units per minute, over the judged samples.
slope_per_minute() {  # column
    awk -v c="$1" -v w="$WARMUP" '$1 >= w { n++; x = $1 / 60; y = $c; sx += x; sy += y; sxx += x * x; sxy += x * y }
        END { d = n * sxx - sx * sx; printf "%.3f", (n > 1 && d != 0 ? (n * sxy - sx * sy) / d : 0) }' "$WORK_DIR/samples.txt"
}
first_judged() { awk -v c="$1" -v w="$WARMUP" '$1 >= w { print $c; exit }' "$WORK_DIR/samples.txt"; }
last_sample() { awk -v c="$1" 'END { print $c }' "$WORK_DIR/samples.txt"; }
max_judged() { awk -v c="$1" -v w="$WARMUP" '$1 >= w && $c > m { m = $c } END { print m + 0 }' "$WORK_DIR/samples.txt"; }

judge() {
    local ok=true name allowed line heap0 heap1 slope what col first last limit
    REPORT=""; LOAD_JSON=""; CHECK_JSON=""
    REPORT+="Soak run: $DURATION s of mixed load through the gateway, $(date -u +%Y-%m-%dT%H:%M:%SZ)"$'\n'
    REPORT+="Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); JDK $(java_major "$JAVA_HOME"); data: $DATA_NAME"$'\n'
    REPORT+="Command: bench/soak.sh --duration $DURATION --sample-every $SAMPLE_EVERY --warmup $WARMUP"$'\n\n'
    REPORT+="Injected faults (reasoning server):"$'\n'
    for line in "${FAULTS[@]}"; do
        read -r name col what <<<"$line"
        REPORT+="  from ${name} s to ${col} s: $what"$'\n'
    done
    REPORT+="  backend 'ghost': nothing listens on its port for the whole run"$'\n\n'
    REPORT+="Load (5 load-test clients at once, concurrency 3/2/2/2/1):"$'\n'
    for name in "${LOAD_NAMES[@]}"; do
        case $name in
            analyze) allowed='^HTTP (503|504) ' ;;
            ghost) allowed='^HTTP 503 ' ;;
            *) allowed='' ;;
        esac
        judge_load "$name" "$allowed"
        [[ $LOAD_OK == true ]] || ok=false
        REPORT+="  $LOAD_LINE"$'\n'
        while IFS=$'\t' read -r what col; do [[ -n $what ]] && REPORT+="      $what: $col"$'\n'; done < <(load_errors "$name")
    done
    REPORT+=$'\n'"Gateway samples (after a full GC each; judged from ${WARMUP} s on):"$'\n'
    REPORT+="     t_s  heap_MB  rss_MB  threads  fds  conns_in  conns_to_backends  pool_open  reasoning_breaker"$'\n'
    REPORT+=$(awk '{ printf "  %6s %8s %7s %8s %4s %9s %18s %10s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' \
        "$WORK_DIR/samples.txt")$'\n\n'
    heap0=$(first_judged 2); heap1=$(last_sample 2); slope=$(slope_per_minute 2)
    CHECK_JSON+="\"heap_after_gc_mb\": {\"first\": $heap0, \"last\": $heap1, \"max\": $(max_judged 2), \"slope_mb_per_min\": $slope},"
    if below "$slope" "$MAX_HEAP_SLOPE_MB_PER_MIN" && ((heap1 <= heap0 + MAX_HEAP_GROWTH_MB)); then
        REPORT+="  heap after GC: $heap0 -> $heap1 MB, trend $slope MB/min: stable"$'\n'
    else
        REPORT+="  heap after GC: $heap0 -> $heap1 MB, trend $slope MB/min: GROWING"$'\n'; ok=false
    fi
    for what in "threads 4 $MAX_THREAD_GROWTH" "file_descriptors 5 $MAX_FD_GROWTH" \
        "inbound_connections 6 $MAX_CONNECTION_GROWTH" "backend_connections 7 $MAX_CONNECTION_GROWTH" \
        "pool_open_connections 8 $MAX_CONNECTION_GROWTH"; do
        read -r name col limit <<<"$what"
        first=$(first_judged "$col"); last=$(last_sample "$col")
        CHECK_JSON+="\"$name\": {\"first\": $first, \"last\": $last, \"max\": $(max_judged "$col")},"
        if ((last <= first + limit)); then
            REPORT+="  $name: $first -> $last (max $(max_judged "$col")): stable"$'\n'
        else
            REPORT+="  $name: $first -> $last (max $(max_judged "$col")): GROWING"$'\n'; ok=false
        fi
    done
    GC_PAUSES=$(grep -c ' Pause ' "$GATEWAY_GC_LOG" || true)
    REPORT+="  gateway GC pauses during the run: $GC_PAUSES (log: bench/.cache/soak-last-run/gateway-gc.log)"$'\n'
    REPORT+=$'\n'"Verdict: $([[ $ok == true ]] && echo PASS || echo FAIL)"$'\n'
    VERDICT=$ok
}

write_results() {
    mkdir -p "$RESULTS_DIR"
    printf '%s' "$REPORT" >"$RESULTS_TXT"
    {
        printf '{\n  "duration_s": %s, "sample_every_s": %s, "warmup_s": %s, "data": %s,\n' "$DURATION" \
            "$SAMPLE_EVERY" "$WARMUP" "$(json_string "$DATA_NAME")"
        printf '  "load": {%s},\n' "${LOAD_JSON%,}"
        printf '  "gateway": {%s},\n' "${CHECK_JSON%,}"
        printf '  "faults": %s,\n' "$(json_string "$(printf '%s; ' "${FAULTS[@]}")")"
        printf '  "passed": %s\n}\n' "$VERDICT"
    } >"$RESULTS_JSON"
    printf '\n%s' "$REPORT"
    log "results: ${RESULTS_TXT#"$REPO_DIR"/} and ${RESULTS_JSON#"$REPO_DIR"/}"
}

main() {
    parse_args "$@"
    JAVA_HOME=$(pick_java_home)
    export JAVA_HOME
    ensure_tools curl ss
    ensure_jar
    trap cleanup EXIT
    WORK_DIR=$(mktemp -d)
    start_system
    start_all_load
    run_soak
    judge
    write_results
    if [[ $VERDICT != true ]]; then exit 1; fi
}

main "$@"
