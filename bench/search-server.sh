#!/usr/bin/env bash
# Benchmark of the restaurant search MCP server: throughput against nginx serving the same bytes, and latency and
# memory over a generated 1,000,000-restaurant data set. Run `bench/search-server.sh --help` for the details.
#
# Everything it starts (search servers, nginx, wrk) listens on or talks to 127.0.0.1 only, and is stopped on exit.
set -Eeuo pipefail
# Say where a failing command was, instead of stopping silently.
trap 'printf "error: line %s: \"%s\" failed (exit %s)\n" "$LINENO" "$BASH_COMMAND" "$?" >&2' ERR

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
JAR=$REPO_DIR/app/target/mcp-tools-gateway.jar
LUA_SCRIPT=$BENCH_DIR/mcp-post.lua
CACHE_DIR=$BENCH_DIR/.cache
RESULTS_DIR=$BENCH_DIR/results
RESULTS_TXT=$RESULTS_DIR/search-server-latest.txt
RESULTS_JSON=$RESULTS_DIR/search-server-latest.json

# Defaults: short enough that the whole default run stays under about 4 minutes on a 2-core machine.
DURATION=10          # seconds per wrk measurement
ROUNDS=2             # part 1 alternates server and nginx this many times
THREADS=2            # wrk threads (never more than connections)
CONNECTIONS=16       # part 1 wrk connections, the same for server and nginx
WARMUP=20            # seconds of load per query before measuring, at least; then on until the JIT has settled
WARMUP_MAX=120       # seconds of warm-up per query, at most
DATA_DIR=$REPO_DIR/../shared/data/hk-restaurants
SCALE_RESTAURANTS=1000000
SCALE_XMX=3g
SCALE_CONNECTIONS=4  # low concurrency: part 2 is about latency, not throughput
RUN_THROUGHPUT=1
RUN_SCALE=1
REGENERATE=0
INSTALL=1
BUILD=0

# Targets from the issue.
TARGET_RATIO=0.5     # search server req/s / nginx static req/s for the 2-district query
TARGET_P99_MS=50     # p99 of a 100-restaurant meal-type page over 1,000,000 restaurants

# Environment variables the server reads; unset for the servers we start so a caller's shell cannot change results.
SERVER_ENV_VARS=(SEARCH_SERVER_PORT MCP_BIND_HOST DATA_DIR MAX_PAGE_SIZE MCP_ALLOWED_HOSTS MCP_ALLOWED_ORIGINS
    MCP_MAX_REQUEST_BYTES LOG_FORMAT LOG_LEVEL JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS)

WRK_COMMANDS=()    # distinct wrk command lines, for the report
WORK_DIR=""
LOAD_START=""
REPORT=""          # the plain-text report, built up as parts finish
JSON_THROUGHPUT=null
JSON_SCALE=null

# shellcheck source=bench/lib/common.sh
source "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<EOF
Usage: bench/search-server.sh [options]

Benchmarks the restaurant search MCP server (app/target/mcp-tools-gateway.jar search-server) on this machine:

  Part 1 (throughput): starts the search server on the real data set and nginx on a free loopback port serving
    the server's own response bytes as static files, then measures with wrk, alternating server and nginx with
    the same threads/connections/duration:
      - search_restaurants_by_district {"districts":["Central district","Admiralty"]}
      - search_restaurants_by_meal_type {"meal_types":["breakfast"]} (no limit: every match is returned)
    Target: the server reaches at least ${TARGET_RATIO}x nginx's requests/s on the 2-district query.
  Part 2 (scale): generates ${SCALE_RESTAURANTS} restaurants (cached under bench/.cache/), starts a server on them
    with -Xmx${SCALE_XMX}, reports start-up time and memory, and measures
      search_restaurants_by_meal_type {"meal_types":["lunch"],"limit":100} at several offsets
    with ${SCALE_CONNECTIONS} connections. Target: p99 < ${TARGET_P99_MS} ms.

Results go to bench/results/search-server-latest.txt and .json; raw wrk and server logs of the last run to
bench/.cache/search-server-last-run/. Missing wrk, nginx or curl are installed with apt-get only when running as root on a
Debian-like system; otherwise the script says what to install.

Options:
  --quick                 run part 1 only (skip the 1M-restaurant part)
  --scale                 run part 2 only
  --duration SECONDS      seconds per wrk measurement (default ${DURATION})
  --rounds N              alternating rounds in part 1 (default ${ROUNDS})
  --threads N             wrk threads (default ${THREADS})
  --connections N         wrk connections in part 1 (default ${CONNECTIONS})
  --warmup SECONDS        warm-up load per query before measuring, at least (default ${WARMUP}); then on in
                          slices of ${WARMUP_SLICE} s until the server's JIT compiler threads used under ${JIT_QUIET} of a
                          core in the last slice
  --warmup-max SECONDS    the longest warm-up per query (default ${WARMUP_MAX}); the report says if it was reached
  --data-dir DIR          real data set for part 1 (default ../shared/data/hk-restaurants next to the repo)
  --scale-restaurants N   size of the generated data set in part 2 (default ${SCALE_RESTAURANTS})
  --scale-xmx SIZE        -Xmx of the part 2 server (default ${SCALE_XMX})
  --scale-connections N   wrk connections in part 2 (default ${SCALE_CONNECTIONS})
  --regenerate            regenerate the cached part 2 data set
  --build                 rebuild the jar first (otherwise it is built only when missing)
  --no-install            never install packages, fail instead
  -h, --help              show this help

Takes about 4-7 minutes with the defaults on a 2-core machine (part 1 about 2-4 minutes), most of it warm-up.
EOF
}

report() { REPORT+="$*"$'\n'; }
# shellcheck disable=SC2059  # the format is the caller's
reportf() { REPORT+=$(printf "$@"); REPORT+=$'\n'; }

parse_args() {
    while (($#)); do
        case $1 in
            --quick) RUN_THROUGHPUT=1; RUN_SCALE=0 ;;
            --scale) RUN_THROUGHPUT=0; RUN_SCALE=1 ;;
            --duration) require_positive_int "$1" "${2-}"; DURATION=$2; shift ;;
            --rounds) require_positive_int "$1" "${2-}"; ROUNDS=$2; shift ;;
            --threads) require_positive_int "$1" "${2-}"; THREADS=$2; shift ;;
            --connections) require_positive_int "$1" "${2-}"; CONNECTIONS=$2; shift ;;
            --warmup) require_positive_int "$1" "${2-}"; WARMUP=$2; shift ;;
            --warmup-max) require_positive_int "$1" "${2-}"; WARMUP_MAX=$2; shift ;;
            --data-dir) [[ -n ${2-} ]] || { echo "error: --data-dir needs a directory" >&2; exit 2; }; DATA_DIR=$2; shift ;;
            --scale-restaurants) require_positive_int "$1" "${2-}"; SCALE_RESTAURANTS=$2; shift ;;
            --scale-xmx) [[ ${2-} =~ ^[0-9]+[kKmMgG]?$ ]] || { echo "error: --scale-xmx needs a size like 3g" >&2; exit 2; }
                SCALE_XMX=$2; shift ;;
            --scale-connections) require_positive_int "$1" "${2-}"; SCALE_CONNECTIONS=$2; shift ;;
            --regenerate) REGENERATE=1 ;;
            -h | --help) usage; exit 0 ;;
            *) common_option "$1" || { printf 'error: unknown option "%s" (see --help)\n' "$1" >&2; exit 2; } ;;
        esac
        shift
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Processes: everything started in the background is recorded in PIDS and stopped by the EXIT trap.

cleanup() {
    finish_run search-server
}

# ---------------------------------------------------------------------------------------------------------------
# The search server and nginx.

# Sets SERVER_PID, SERVER_URL, SERVER_STARTUP_MS and SERVER_GC_LOG.
start_search_server() {  # data-dir log-file [jvm-option...]
    local data_dir=$1 log_file=$2 port started unset_args=() name
    shift 2
    SERVER_GC_LOG=${log_file%.log}-gc.log
    for name in "${SERVER_ENV_VARS[@]}"; do unset_args+=(-u "$name"); done
    free_port; port=$FREE_PORT
    started=$(now_ms)
    env "${unset_args[@]}" "$JAVA_HOME/bin/java" "-Xlog:gc:file=$SERVER_GC_LOG" "$@" -jar "$JAR" search-server \
        --host 127.0.0.1 --port "$port" --data-dir "$data_dir" --shutdown-timeout-seconds 2 >"$log_file" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    SERVER_URL=http://127.0.0.1:$port
    wait_for_http "$SERVER_URL/health" "$SERVER_PID" "$log_file" 300
    SERVER_STARTUP_MS=$(($(now_ms) - started))
}

# Writes an nginx configuration that needs no root paths: everything (pid, logs, temp files) lives in $1.
write_nginx_conf() {  # dir port
    local dir=$1 port=$2 temp_paths
    temp_paths=$(nginx_temp_paths "$dir")
    cat >"$dir/nginx.conf" <<EOF
# Generated by bench/search-server.sh: static copies of the search server's responses, for comparison.
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    # wrk keeps its connections open; nginx's default of 1000 requests per connection would add reconnects the
    # search server (no such limit) does not pay.
    keepalive_requests 100000000;
    keepalive_timeout 75s;
$temp_paths
    types { }
    default_type application/json;
    charset utf-8;
    charset_types application/json;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        location / {
            # The static module answers POST with 405; turn that into the file itself (an internal redirect
            # that re-runs the request as GET), so the POST bodies wrk sends to the server work here too.
            error_page 405 =200 \$uri;
        }
    }
}
EOF
}

start_nginx() {  # sets NGINX_PID, NGINX_URL
    local dir=$WORK_DIR/nginx port
    mkdir -p "$dir/temp"
    free_port; port=$FREE_PORT
    write_nginx_conf "$dir" "$port"
    # When run as root the workers drop to an unprivileged user, which must be able to read the files.
    chmod -R a+rX "$WORK_DIR"
    "$NGINX" -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" -t >"$WORK_DIR/nginx-configtest.log" 2>&1 \
        || { cat "$WORK_DIR/nginx-configtest.log" >&2; die "nginx rejected its configuration"; }
    "$NGINX" -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" >"$WORK_DIR/nginx.log" 2>&1 &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    NGINX_URL=http://127.0.0.1:$port
    wait_for_http "$NGINX_URL/district.json" "$NGINX_PID" "$dir/nginx-error.log" 30
}

# POSTs a JSON body the way an MCP client does; prints "<http status> <seconds>".
post_json() {  # url body-file out-file
    curl -s -o "$3" -w '%{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' --data-binary "@$2" "$1"
}

# Fails unless the file is a successful tool result (HTTP 200 can still carry a tool error).
check_tool_result() {  # what file http-status
    [[ $3 == 200 ]] || { head -c 600 "$2" >&2; echo >&2; die "$1 answered HTTP $3"; }
    if grep -q '"isError":true' "$2" || ! grep -q '"success":true' "$2"; then
        head -c 600 "$2" >&2; echo >&2
        die "$1 did not return a successful tool result"
    fi
}

json_field() {  # file name: the first numeric "name":N in the file (the structuredContent copy)
    # awk reads to the end (no `head`), so pipefail never sees a SIGPIPE'd grep.
    grep -o "\"$2\":[0-9]*" "$1" | awk -F: 'NR == 1 { print $2 }' || true
}

health_restaurants() {  # how many restaurants the running server's /health reports
    curl -s "$SERVER_URL/health" | grep -o '"restaurants":[0-9]*' | awk -F: 'NR == 1 { print $2 }' || true
}


# ---------------------------------------------------------------------------------------------------------------
# wrk and figures.

# ---------------------------------------------------------------------------------------------------------------
# Part 1: the search server against nginx serving the same bytes.

declare -A FIG=()  # figures per query/side/round: FIG[district.server.1.rps]

# Measures one query on one side for one round and stores the figures.
measure() {  # query side round url body-file
    log "round $3: $1 query, $2 (${DURATION} s)"
    run_wrk "$1-$2-round$3" "$4" "$5" "$CONNECTIONS" "$DURATION"
    FIG[$1.$2.$3.rps]=$WRK_RPS
    FIG[$1.$2.$3.p50]=$WRK_P50
    FIG[$1.$2.$3.p99]=$WRK_P99
    FIG[$1.$2.$3.requests]=$WRK_REQUESTS
    FIG[$1.$2.$3.errors]=$WRK_ERRORS
}

side_values() {  # query side metric: the metric of every round
    local round
    for ((round = 1; round <= ROUNDS; round++)); do echo "${FIG[$1.$2.$round.$3]}"; done
}

side_json() {  # query side
    local round rounds="" sep=""
    for ((round = 1; round <= ROUNDS; round++)); do
        rounds+="$sep{\"rps\": ${FIG[$1.$2.$round.rps]}, \"p50_ms\": ${FIG[$1.$2.$round.p50]}, \"p99_ms\": ${FIG[$1.$2.$round.p99]}, \"requests\": ${FIG[$1.$2.$round.requests]}, \"errors\": ${FIG[$1.$2.$round.errors]}}"
        sep=", "
    done
    printf '{"rps": %s, "p50_ms": %s, "p99_ms": %s, "errors": %s, "rounds": [%s]}' \
        "$(side_values "$1" "$2" rps | mean)" "$(side_values "$1" "$2" p50 | mean)" \
        "$(side_values "$1" "$2" p99 | mean)" "$(side_values "$1" "$2" errors | sum)" "$rounds"
}

side_report() {  # query side label
    reportf '    %-16s %10.1f %10.2f %10.2f %8d   %s' "$3" "$(side_values "$1" "$2" rps | mean)" \
        "$(side_values "$1" "$2" p50 | mean)" "$(side_values "$1" "$2" p99 | mean)" \
        "$(side_values "$1" "$2" errors | sum)" "$(side_values "$1" "$2" rps | paste -sd' ' -)"
}

# Reports one query: adds its lines to REPORT and sets QUERY_JSON. The 2-district query carries the target.
query_result() {  # query tool arguments-json description response-file target-ratio-or-empty
    local query=$1 tool=$2 arguments=$3 description=$4 response=$5 target=$6 ratio met=null bytes returned
    bytes=$(wc -c <"$response" | tr -d ' ')
    returned=$(json_field "$response" count)
    ratio=$(divide "$(side_values "$query" server rps | mean)" "$(side_values "$query" nginx rps | mean)")
    report "  $description ($returned restaurants, $bytes bytes per response)"
    side_report "$query" server "search server"
    side_report "$query" nginx "nginx static"
    if [[ -n $target ]]; then
        met=$(yes_no at_least "$ratio" "$target")
        report "    ratio server/nginx: $ratio  (target >= $target: $(met_word "$met"))"
    else
        report "    ratio server/nginx: $ratio  (no target)"
    fi
    QUERY_JSON=$(printf '{"name": "%s", "tool": "%s", "arguments": %s, "response_bytes": %s, "restaurants_returned": %s, "server": %s, "nginx": %s, "ratio_server_to_nginx": %s, "target_ratio": %s, "target_met": %s}' \
        "$query" "$tool" "$arguments" "$bytes" "$(number_or_null "$returned")" "$(side_json "$query" server)" \
        "$(side_json "$query" nginx)" "$ratio" "$(number_or_null "$target")" "$met")
}

run_throughput_part() {
    local district_args='{"districts":["Central district","Admiralty"]}' meal_args='{"meal_types":["breakfast"]}'
    local www=$WORK_DIR/nginx/www status round restaurants rss district_json meal_json total gc_start warmed
    [[ -f $DATA_DIR/districts/master-config.json ]] || die "no data set at $DATA_DIR (use --data-dir)"
    DATA_DIR=$(cd "$DATA_DIR" && pwd)
    mkdir -p "$www"
    write_tool_call "$WORK_DIR/district-request.json" search_restaurants_by_district "$district_args"
    write_tool_call "$WORK_DIR/meal-request.json" search_restaurants_by_meal_type "$meal_args"

    log "part 1: starting the search server on $DATA_DIR"
    start_search_server "$DATA_DIR" "$WORK_DIR/server-real.log"
    restaurants=$(health_restaurants)

    # The static files are the server's own answers, byte for byte (the answers are deterministic).
    read -r status _ < <(post_json "$SERVER_URL/mcp" "$WORK_DIR/district-request.json" "$www/district.json")
    check_tool_result "the district search" "$www/district.json" "$status"
    read -r status _ < <(post_json "$SERVER_URL/mcp" "$WORK_DIR/meal-request.json" "$www/meal.json")
    check_tool_result "the meal-type search" "$www/meal.json" "$status"
    total=$(json_field "$www/meal.json" total_count)
    [[ $(json_field "$www/meal.json" count) == "$total" ]] \
        || warn "the meal-type search returned one page of $(json_field "$www/meal.json" count) of $total matches"

    log "starting nginx"
    start_nginx
    for query in district meal; do
        read -r status _ < <(post_json "$NGINX_URL/$query.json" "$WORK_DIR/$query-request.json" "$WORK_DIR/via-nginx")
        if [[ $status != 200 ]] || ! cmp -s "$www/$query.json" "$WORK_DIR/via-nginx"; then
            die "nginx does not serve the same bytes for a POST to /$query.json (HTTP $status)"
        fi
        rm -f "$WORK_DIR/via-nginx"
    done

    log "warming up each query on the server (at least ${WARMUP} s, until the JIT settles, at most ${WARMUP_MAX} s)"
    warm_until_settled district-server "$SERVER_URL/mcp" "$WORK_DIR/district-request.json" "$CONNECTIONS" \
        "$WARMUP" "$WARMUP_MAX" "$SERVER_PID"
    warmed=$WARMED_S
    warm_until_settled meal-server "$SERVER_URL/mcp" "$WORK_DIR/meal-request.json" "$CONNECTIONS" \
        "$WARMUP" "$WARMUP_MAX" "$SERVER_PID"
    warmed="{\"district\": $warmed, \"meal\": $WARMED_S}"
    run_wrk warmup-district-nginx "$NGINX_URL/district.json" "$WORK_DIR/district-request.json" "$CONNECTIONS" 2
    run_wrk warmup-meal-nginx "$NGINX_URL/meal.json" "$WORK_DIR/meal-request.json" "$CONNECTIONS" 2
    gc_start=$(gc_mark)

    # Alternate the sides so a slow period of the machine hurts both alike.
    for ((round = 1; round <= ROUNDS; round++)); do
        measure district server "$round" "$SERVER_URL/mcp" "$WORK_DIR/district-request.json"
        measure district nginx "$round" "$NGINX_URL/district.json" "$WORK_DIR/district-request.json"
        measure meal server "$round" "$SERVER_URL/mcp" "$WORK_DIR/meal-request.json"
        measure meal nginx "$round" "$NGINX_URL/meal.json" "$WORK_DIR/meal-request.json"
    done
    rss=$(rss_mb "$SERVER_PID")
    gc_pauses_since "$gc_start"
    curl -sf -o /dev/null "$SERVER_URL/health" || warn "the search server's /health failed after the load"

    report "Part 1: search server vs nginx serving the same response bytes as a static file"
    report "  data set: $DATA_DIR ($restaurants restaurants); server start-up until /health answered: $SERVER_STARTUP_MS ms"
    report "  server memory and GC: RSS after the load ${rss:-n/a} MB; $GC_PAUSES GC pauses during the measured rounds, $GC_PAUSE_TOTAL_MS ms in total, the longest $GC_PAUSE_MAX_MS ms"
    report "  wrk: $((THREADS < CONNECTIONS ? THREADS : CONNECTIONS)) threads, $CONNECTIONS connections, $DURATION s per measurement, $ROUNDS rounds alternating"
    report "  warm-up (s of load until the server's JIT compilers used under $JIT_QUIET of a core over $WARMUP_SLICE s; at least $WARMUP, at most $WARMUP_MAX): $warmed"
    report "  figures are the mean over the rounds; last column: req/s of each round"
    reportf '    %-16s %10s %10s %10s %8s   %s' "" "req/s" "p50 ms" "p99 ms" "errors" "per round"
    query_result district search_restaurants_by_district "$district_args" \
        'district: {"districts":["Central district","Admiralty"]}' "$www/district.json" "$TARGET_RATIO"
    district_json=$QUERY_JSON
    query_result meal search_restaurants_by_meal_type "$meal_args" \
        'meal type: {"meal_types":["breakfast"]}, no limit' "$www/meal.json" ""
    meal_json=$QUERY_JSON
    report

    JSON_THROUGHPUT=$(printf '{"data_dir": %s, "restaurants": %s, "server_startup_ms": %s, "server_rss_mb_after_load": %s, "server_gc_pauses": %s, "server_gc_pause_total_ms": %s, "server_gc_pause_max_ms": %s, "threads": %s, "connections": %s, "duration_s": %s, "rounds": %s, "warmup_s": %s, "queries": [%s, %s]}' \
        "$(json_string "$DATA_DIR")" "$(number_or_null "$restaurants")" "$SERVER_STARTUP_MS" "$(number_or_null "$rss")" \
        "$GC_PAUSES" "$GC_PAUSE_TOTAL_MS" "$GC_PAUSE_MAX_MS" \
        "$((THREADS < CONNECTIONS ? THREADS : CONNECTIONS))" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$warmed" \
        "$district_json" "$meal_json")

    stop_process "$NGINX_PID"
    stop_process "$SERVER_PID"
}

# ---------------------------------------------------------------------------------------------------------------
# Part 2: a generated data set of SCALE_RESTAURANTS restaurants.

# Generates the data set once and reuses it: the generator is deterministic (same seed and size, same files).
# The marker, written last, tells a complete set from an interrupted one.
ensure_scale_data() {  # sets SCALE_DIR, SCALE_GENERATE_MS (empty when the cached set is reused)
    local marker started
    SCALE_DIR=$CACHE_DIR/data-$SCALE_RESTAURANTS-compact
    marker=$SCALE_DIR.complete
    SCALE_GENERATE_MS=""
    if ((REGENERATE)) || [[ ! -f $marker || ! -d $SCALE_DIR ]]; then
        rm -rf "$SCALE_DIR" "$marker"
        mkdir -p "$CACHE_DIR"
        log "generating $SCALE_RESTAURANTS restaurants into ${SCALE_DIR#"$REPO_DIR"/}"
        started=$(now_ms)
        "$JAVA_HOME/bin/java" -jar "$JAR" generate-data --out "$SCALE_DIR" --restaurants "$SCALE_RESTAURANTS" \
            --compact >"$WORK_DIR/generate.log" 2>&1 || { tail -n 20 "$WORK_DIR/generate.log" >&2; die "generate-data failed"; }
        SCALE_GENERATE_MS=$(($(now_ms) - started))
        echo "generate-data --restaurants $SCALE_RESTAURANTS --compact, $(date -u +%FT%TZ)" >"$marker"
    else
        log "reusing the generated data set ${SCALE_DIR#"$REPO_DIR"/} (--regenerate to write it again)"
    fi
}

run_scale_part() {
    local lunch='{"meal_types":["lunch"],"limit":100' status first_s first_ms total restaurants offset seconds
    local offsets=() rss_start heap_start rss_load heap_load heap_live gc met all_met=true rows="" sep=""
    local body threads=$((THREADS < SCALE_CONNECTIONS ? THREADS : SCALE_CONNECTIONS)) gc_start gc_offset
    ensure_scale_data
    log "part 2: starting the search server on $SCALE_RESTAURANTS restaurants (-Xmx$SCALE_XMX)"
    start_search_server "$SCALE_DIR" "$WORK_DIR/server-scale.log" "-Xmx$SCALE_XMX"
    rss_start=$(rss_mb "$SERVER_PID")
    heap_start=$(heap_used_mb "$SERVER_PID")
    gc=$(gc_name "$SERVER_PID")
    restaurants=$(health_restaurants)

    # The very first call pays for class loading and the interpreter; reported apart from the measurements.
    write_tool_call "$WORK_DIR/lunch-offset0-request.json" search_restaurants_by_meal_type "$lunch}"
    read -r status first_s < <(post_json "$SERVER_URL/mcp" "$WORK_DIR/lunch-offset0-request.json" "$WORK_DIR/lunch-response")
    check_tool_result "the lunch search" "$WORK_DIR/lunch-response" "$status"
    first_ms=$(awk -v s="$first_s" 'BEGIN { printf "%.1f", s * 1000 }')
    total=$(json_field "$WORK_DIR/lunch-response" total_count)
    [[ -n $total ]] || die "the lunch search did not report total_count"

    # The first page, a near one, the middle and the last page: shows whether deep pages cost more.
    for offset in 0 1000 $((total / 2)) $((total > 100 ? total - 100 : 0)); do
        ((offset == 0 || offset < total)) || continue
        [[ " ${offsets[*]} " == *" $offset "* ]] && continue
        offsets+=("$offset")
        body=$WORK_DIR/lunch-offset$offset-request.json
        write_tool_call "$body" search_restaurants_by_meal_type "$lunch,\"offset\":$offset}"
        read -r status _ < <(post_json "$SERVER_URL/mcp" "$body" "$WORK_DIR/lunch-response")
        check_tool_result "the lunch search at offset $offset" "$WORK_DIR/lunch-response" "$status"
    done
    rm -f "$WORK_DIR/lunch-response"

    warm_until_settled scale "$SERVER_URL/mcp" "$WORK_DIR/lunch-offset0-request.json" "$SCALE_CONNECTIONS" \
        "$WARMUP" "$WARMUP_MAX" "$SERVER_PID"
    gc_start=$(gc_mark)

    report "Part 2: $SCALE_RESTAURANTS generated restaurants, meal-type search {\"meal_types\":[\"lunch\"],\"limit\":100}"
    if [[ -n $SCALE_GENERATE_MS ]]; then
        report "  data set: ${SCALE_DIR#"$REPO_DIR"/} ($restaurants restaurants), generated in $SCALE_GENERATE_MS ms"
    else
        report "  data set: ${SCALE_DIR#"$REPO_DIR"/} ($restaurants restaurants), reused from the cache"
    fi
    report "  server: -Xmx$SCALE_XMX, ${gc:-unknown} GC; start-up until /health answered: $SERVER_STARTUP_MS ms"
    report "  first request after start-up: $first_ms ms; lunch matches (total_count): $total"
    report "  wrk: $threads threads, $SCALE_CONNECTIONS connections, warm-up $WARMED_S s (until the JIT compilers used under $JIT_QUIET of a core); p99 target < $TARGET_P99_MS ms"
    reportf '    %-14s %6s %10s %10s %10s %8s %12s   %s' "offset" "secs" "req/s" "p50 ms" "p99 ms" "errors" "max GC ms" \
        "p99 target"
    for offset in "${offsets[@]}"; do
        # The first page is the main figure and gets the full duration; the other offsets get half.
        seconds=$DURATION
        ((offset == 0)) || seconds=$((DURATION / 2 > 3 ? DURATION / 2 : 3))
        log "part 2: offset $offset (${seconds} s)"
        gc_offset=$(gc_mark)
        run_wrk "scale-offset$offset" "$SERVER_URL/mcp" "$WORK_DIR/lunch-offset$offset-request.json" \
            "$SCALE_CONNECTIONS" "$seconds"
        gc_pauses_since "$gc_offset"
        met=$(yes_no below "$WRK_P99" "$TARGET_P99_MS")
        [[ $met == true ]] || all_met=false
        reportf '    %-14s %6s %10.1f %10.2f %10.2f %8d %12.1f   %s' "$offset" "$seconds" "$WRK_RPS" "$WRK_P50" "$WRK_P99" \
            "$WRK_ERRORS" "$GC_PAUSE_MAX_MS" "$(met_word "$met")"
        rows+="$sep{\"offset\": $offset, \"duration_s\": $seconds, \"rps\": $WRK_RPS, \"p50_ms\": $WRK_P50, \"p99_ms\": $WRK_P99, \"requests\": $WRK_REQUESTS, \"errors\": $WRK_ERRORS, \"gc_pauses\": $GC_PAUSES, \"gc_pause_max_ms\": $GC_PAUSE_MAX_MS, \"target_met\": $met}"
        sep=", "
    done

    # Every request a different page, so nothing comes from the result cache: the cost of computing a page.
    body=$WORK_DIR/lunch-uncached-request.json
    write_tool_call "$body" search_restaurants_by_meal_type "$lunch,\"offset\":__OFFSET__}"
    log "part 2: uncached, random offsets (${DURATION} s)"
    gc_offset=$(gc_mark)
    BENCH_OFFSET_RANGE=$((total > 100 ? total - 100 : 1)) run_wrk "scale-uncached" "$SERVER_URL/mcp" "$body" \
        "$SCALE_CONNECTIONS" "$DURATION"
    gc_pauses_since "$gc_offset"
    met=$(yes_no below "$WRK_P99" "$TARGET_P99_MS")
    [[ $met == true ]] || all_met=false
    reportf '    %-14s %6s %10.1f %10.2f %10.2f %8d %12.1f   %s' "random,uncached" "$DURATION" "$WRK_RPS" "$WRK_P50" \
        "$WRK_P99" "$WRK_ERRORS" "$GC_PAUSE_MAX_MS" "$(met_word "$met")"
    rows+="$sep{\"offset\": \"random-uncached\", \"duration_s\": $DURATION, \"rps\": $WRK_RPS, \"p50_ms\": $WRK_P50, \"p99_ms\": $WRK_P99, \"requests\": $WRK_REQUESTS, \"errors\": $WRK_ERRORS, \"gc_pauses\": $GC_PAUSES, \"gc_pause_max_ms\": $GC_PAUSE_MAX_MS, \"target_met\": $met}"

    rss_load=$(rss_mb "$SERVER_PID")
    gc_pauses_since "$gc_start"
    heap_load=$(heap_used_mb "$SERVER_PID")
    # A full collection leaves the live set: what the index and the restaurants really occupy.
    "$JAVA_HOME/bin/jcmd" "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    heap_live=$(heap_used_mb "$SERVER_PID")
    report "  memory (MB): RSS after start-up ${rss_start:-n/a}, after the load ${rss_load:-n/a}; heap used after start-up ${heap_start:-n/a}, after the load ${heap_load:-n/a}, live after a full GC ${heap_live:-n/a}"
    report "  GC during the measurements: $GC_PAUSES pauses, $GC_PAUSE_TOTAL_MS ms in total, the longest $GC_PAUSE_MAX_MS ms (log: -Xlog:gc)"
    report "  p99 < $TARGET_P99_MS ms at every offset: $(met_word "$all_met")"
    report

    JSON_SCALE=$(printf '{"restaurants": %s, "data_dir": %s, "generate_ms": %s, "xmx": "%s", "gc": %s, "server_startup_ms": %s, "first_request_ms": %s, "query": {"tool": "search_restaurants_by_meal_type", "arguments": %s}, "total_count": %s, "threads": %s, "connections": %s, "warmup_s": %s, "memory_mb": {"rss_after_start": %s, "heap_used_after_start": %s, "rss_after_load": %s, "heap_used_after_load": %s, "heap_live_after_full_gc": %s}, "gc_pauses": %s, "gc_pause_total_ms": %s, "gc_pause_max_ms": %s, "offsets": [%s], "target_p99_ms": %s, "target_met": %s}' \
        "$(number_or_null "$restaurants")" "$(json_string "$SCALE_DIR")" "$(number_or_null "$SCALE_GENERATE_MS")" \
        "$SCALE_XMX" "$(if [[ -n $gc ]]; then json_string "$gc"; else echo null; fi)" "$SERVER_STARTUP_MS" "$first_ms" \
        "$lunch}" "$total" "$threads" "$SCALE_CONNECTIONS" "$WARMED_S" "$(number_or_null "$rss_start")" \
        "$(number_or_null "$heap_start")" "$(number_or_null "$rss_load")" "$(number_or_null "$heap_load")" \
        "$(number_or_null "$heap_live")" "$GC_PAUSES" "$GC_PAUSE_TOTAL_MS" "$GC_PAUSE_MAX_MS" \
        "$rows" "$TARGET_P99_MS" "$all_met")

    stop_process "$SERVER_PID"
}

# ---------------------------------------------------------------------------------------------------------------
# Results.

write_results() {  # run-seconds
    local date cpu nproc_count mem_mb kernel jdk wrk_version nginx_version commands="" sep="" line text
    date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    nproc_count=$(nproc)
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    mem_mb=$(awk '$1 == "MemTotal:" { printf "%.0f", $2 / 1024 }' /proc/meminfo 2>/dev/null || true)
    kernel="$(uname -sr) $(uname -m)"
    jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)
    wrk_version=$(wrk -v 2>&1 | awk 'NR == 1 { sub(/ Copyright.*/, ""); print }' || true)
    nginx_version=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')
    for line in "${WRK_COMMANDS[@]}"; do
        commands+="$sep$(json_string "$line")"
        sep=", "
    done

    text="Search server benchmark (bench/search-server.sh)
date: $date
machine: $nproc_count CPUs (nproc), ${cpu:-unknown CPU}, ${mem_mb:-?} MB RAM, $kernel
JDK: $jdk ($JAVA_HOME)
tools: $wrk_version, $nginx_version
run time: $1 s; 1-minute load average at the start ${LOAD_START:-n/a}, at the end $(load_average)

$REPORT"
    text+="wrk command lines (BENCH_BODY_FILE names a request body, kept in bench/.cache/search-server-last-run/ with the raw"$'\n'
    text+="wrk output; ports are chosen per run; warm-ups use the same lines with their own durations):"$'\n'
    for line in "${WRK_COMMANDS[@]}"; do text+="  $line"$'\n'; done

    mkdir -p "$RESULTS_DIR"
    printf '%s' "$text" >"$RESULTS_TXT"
    printf '{\n  "benchmark": "search-server",\n  "date": "%s",\n  "machine": {"nproc": %s, "cpu_model": %s, "mem_total_mb": %s, "kernel": %s},\n  "jdk": {"version": %s, "java_home": %s},\n  "tools": {"wrk": %s, "nginx": %s, "wrk_script": "bench/mcp-post.lua"},\n  "run_seconds": %s,\n  "load_average": {"start": %s, "end": %s},\n  "throughput": %s,\n  "scale": %s,\n  "wrk_commands": [%s]\n}\n' \
        "$date" "$nproc_count" "$(json_string "$cpu")" "$(number_or_null "$mem_mb")" "$(json_string "$kernel")" \
        "$(json_string "$jdk")" "$(json_string "$JAVA_HOME")" "$(json_string "$wrk_version")" \
        "$(json_string "$nginx_version")" "$1" "$(number_or_null "$LOAD_START")" "$(number_or_null "$(load_average)")" \
        "$JSON_THROUGHPUT" "$JSON_SCALE" "$commands" >"$RESULTS_JSON"
    # Paths are written relative to the repository, so results name no machine's directories.
    sed -i -e "s#$REPO_DIR/##g" -e "s#$(dirname "$REPO_DIR")/#../#g" "$RESULTS_TXT" "$RESULTS_JSON"
    if have jq && ! jq empty "$RESULTS_JSON" 2>/dev/null; then warn "$RESULTS_JSON is not valid JSON"; fi
    printf '\n%s\n' "$text"
    log "results written to ${RESULTS_TXT#"$REPO_DIR"/} and ${RESULTS_JSON#"$REPO_DIR"/}"
}

main() {
    local started
    parse_args "$@"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    started=$(now_ms)
    LOAD_START=$(load_average)
    # Other work on the machine competes with server, nginx and wrk for the same cores and skews every figure.
    if [[ -n $LOAD_START ]] && at_least "$LOAD_START" "$(awk -v n="$(nproc)" 'BEGIN { print n / 2 }')"; then
        warn "the machine is busy (1-minute load average $LOAD_START on $(nproc) CPUs); the figures will be noisy"
    fi
    ensure_tools curl wrk nginx
    JAVA_HOME=$(pick_java_home)
    export JAVA_HOME
    ensure_jar
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/search-server-bench.XXXXXX")
    if ((RUN_THROUGHPUT)); then run_throughput_part; fi
    if ((RUN_SCALE)); then run_scale_part; fi
    write_results $((($(now_ms) - started) / 1000))
}

main "$@"
