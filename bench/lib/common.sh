#!/usr/bin/env bash
# Shared by the bench/ scripts: logging, processes and ports, the JDK and the jar, Debian packages, number helpers.
# Source it after setting REPO_DIR, JAR, INSTALL and BUILD; it fills the arrays PIDS and USED_PORTS.
# shellcheck shell=bash

PIDS=()        # background processes to stop on exit
USED_PORTS=()  # ports handed out by free_port

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
now_ms() { date +%s%3N; }

require_positive_int() {  # option value
    [[ $2 =~ ^[1-9][0-9]*$ ]] || { printf 'error: %s needs a positive whole number, not "%s"\n' "$1" "$2" >&2; exit 2; }
}

# Stops every process the script started, then keeps the files of its run (logs, wrk output, results, profiles) in
# bench/.cache/<name>-last-run/ and removes the run's temporary directory. For the scripts' EXIT traps.
finish_run() {  # name
    local pid last=$CACHE_DIR/$1-last-run
    for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; stop_process "$pid"; done
    if [[ -n ${WORK_DIR:-} && -d $WORK_DIR ]]; then
        rm -rf "$last"
        mkdir -p "$last"
        find "$WORK_DIR" -type f \( -name '*.txt' -o -name '*.log' -o -name '*.json' -o -name '*.jfr' \) \
            -exec cp -p {} "$last/" \; 2>/dev/null || true
        rm -rf "$WORK_DIR"
    fi
}

# Starts a subcommand of the jar in the background, its output in log-file, without the caller's JAVA_TOOL_OPTIONS
# or JDK_JAVA_OPTIONS (so a shell's settings cannot change results); sets STARTED_PID and adds it to PIDS.
start_jar() {  # log-file jvm-options-string subcommand args...
    local log_file=$1 jvm_options=$2
    shift 2
    # --add-modules: the gateway skips JSON with SIMD through the Vector API, as the README runs it
    # shellcheck disable=SC2086  # the JVM options are words
    env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector \
        $jvm_options -jar "$JAR" "$@" \
        >"$log_file" 2>&1 &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

# The options every bench script takes; true when $1 was one of them.
common_option() {  # option
    case $1 in
        --build) BUILD=1 ;;
        --no-install) INSTALL=0 ;;
        *) return 1 ;;
    esac
}

# Stops a process a script started (SIGTERM: servers finish in-flight requests; SIGKILL after 10 s) and forgets it.
stop_process() {  # pid
    local pid=$1 i kept=()
    if kill -TERM "$pid" 2>/dev/null; then
        # The search server finishes in-flight requests first (we pass --shutdown-timeout-seconds 2).
        for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    for i in "${PIDS[@]}"; do [[ $i == "$pid" ]] || kept+=("$i"); done
    PIDS=("${kept[@]}")
}

# Sets FREE_PORT to a loopback port nothing listens on. A connect that fails means the port is free; ports handed
# out before are skipped because their process may still be starting. Ports come from below the kernel's ephemeral
# range, where no outgoing connection holds one (a bench run once failed binding one that a connection used).
free_port() {
    local port tries used low=32768
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    ((low > 11024)) || low=32768
    for ((tries = 0; tries < 200; tries++)); do
        port=$((10000 + RANDOM % (low - 10000)))
        for used in "${USED_PORTS[@]}"; do [[ $used == "$port" ]] && continue 2; done
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            USED_PORTS+=("$port")
            FREE_PORT=$port
            return
        fi
    done
    die "found no free port on 127.0.0.1"
}

wait_for_http() {  # url pid log-file timeout-seconds: waits until url answers 2xx, or fails if pid dies
    local url=$1 pid=$2 log_file=$3 deadline=$(($(now_ms) + $4 * 1000))
    until curl -sf -o /dev/null --max-time 2 "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$log_file" >&2 || true
            die "process $pid exited before $url answered (log above: $log_file)"
        fi
        (($(now_ms) < deadline)) || die "$url did not answer within $4 s (log: $log_file)"
        sleep 0.05
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites: a JDK >= 21, the jar, wrk, nginx and curl.

java_major() {  # java-home: prints the JDK's major version, 0 when there is no usable java
    local version
    [[ -x $1/bin/java ]] || { echo 0; return; }
    version=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
    version=${version#1.}  # 1.8.0_392 -> 8.0_392
    version=${version%%[!0-9]*}
    echo "${version:-0}"
}

# Prefer $JAVA_HOME when it is new enough, then the JDK the README names, then the newest JDK in /usr/lib/jvm,
# then whatever `java` on the PATH belongs to.
pick_java_home() {
    local candidate best="" best_version=0 version
    if [[ -n ${JAVA_HOME:-} ]] && (($(java_major "$JAVA_HOME") >= 21)); then echo "$JAVA_HOME"; return; fi
    candidate=/usr/lib/jvm/temurin-25-jdk-amd64
    if (($(java_major "$candidate") >= 21)); then echo "$candidate"; return; fi
    for candidate in /usr/lib/jvm/*; do
        [[ -d $candidate ]] || continue
        version=$(java_major "$candidate")
        if ((version >= 21 && version > best_version)); then best=$candidate; best_version=$version; fi
    done
    if [[ -z $best ]] && have java; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        (($(java_major "$candidate") >= 21)) && best=$candidate
    fi
    [[ -n $best ]] || die "no JDK >= 21 found; set JAVA_HOME to one (see README.md, Requirements)"
    echo "$best"
}

ensure_jar() {
    if ((BUILD)) || [[ ! -f $JAR ]]; then
        log "building the jar with ./mvnw (JAVA_HOME=$JAVA_HOME)"
        (cd "$REPO_DIR" && PATH=$JAVA_HOME/bin:$PATH ./mvnw -q package -DskipTests) \
            || die "the build failed"
        [[ -f $JAR ]] || die "the build did not produce $JAR"
    fi
}

find_nginx() {
    NGINX=$(command -v nginx || true)
    # Debian puts nginx in /usr/sbin, which is not on an ordinary user's PATH.
    if [[ -z $NGINX && -x /usr/sbin/nginx ]]; then NGINX=/usr/sbin/nginx; fi
    [[ -n $NGINX ]]
}

apt_candidate() {  # package: prints its installable version, empty when apt knows none
    apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }'
}

# Installs the Debian packages for the missing tools; runs `apt-get update` once, and only when apt does not
# know a package yet (fresh containers ship without package lists).
apt_install() {  # tool...
    local tool packages=() updated=0 package
    for tool in "$@"; do
        while :; do
            case $tool in
                nginx) package=nginx-light; [[ -n $(apt_candidate nginx-light) ]] || package=nginx ;;
                ss) package=iproute2 ;;
                *) package=$tool ;;
            esac
            [[ -n $(apt_candidate "$package") ]] && break
            ((updated)) && die "apt has no package for $tool (tried $package)"
            log "apt-get update (apt does not know $package yet)"
            apt-get update -qq || die "apt-get update failed"
            updated=1
        done
        packages+=("$package")
    done
    log "installing ${packages[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2 || die "apt-get install failed"
}

tool_present() {  # tool
    case $1 in
        nginx) find_nginx ;;
        *) have "$1" ;;
    esac
}

# Installs the missing ones of the given tools with apt-get when INSTALL is on and the script runs as root.
ensure_tools() {  # tool...
    local missing=() tool
    for tool in "$@"; do tool_present "$tool" || missing+=("$tool"); done
    ((${#missing[@]} == 0)) && return
    if ((INSTALL)) && [[ $(id -u) == 0 ]] && have apt-get; then
        apt_install "${missing[@]}"
    else
        die "missing ${missing[*]}; install them (Debian/Ubuntu, as root: apt-get install ${missing[*]}) or run this script as root"
    fi
    for tool in "$@"; do tool_present "$tool" || die "still missing $tool after installing"; done
}

mean() { awk '{ s += $1; n++ } END { printf "%.3f", n ? s / n : 0 }'; }  # of the numbers on stdin, one a line
sum() { awk '{ s += $1 } END { printf "%d", s }'; }
# (A bare `>` inside awk's printf would be an output redirection, hence the parentheses.)
divide() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
yes_no() { "$@" && echo true || echo false; }
met_word() { [[ $1 == true ]] && echo MET || echo MISSED; }

json_string() {
    local s=$1
    s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
    printf '"%s"' "$s"
}

# Memory of a running JVM. RSS from /proc; heap from jstat (used = survivor + eden + old, in KB), which reads
# the same for G1, Parallel and Serial. Prints nothing when unavailable.
rss_mb() { awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || true; }
heap_used_mb() {
    "$JAVA_HOME/bin/jstat" -gc "$1" 2>/dev/null | awk '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR == 2 && ("OU" in col) { printf "%.0f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }' || true
}
gc_name() {
    "$JAVA_HOME/bin/jcmd" "$1" VM.flags 2>/dev/null | grep -o -- '-XX:+Use[A-Za-z0-9]*GC' \
        | awk 'NR == 1 { sub(/-XX:\+Use/, ""); sub(/GC$/, ""); print }' || true
}

# GC pauses, from the log each server writes with -Xlog:gc (lines like "... GC(38) Pause Young (Mixed) ... 94.605ms").
# gc_mark remembers where the log is now; gc_pauses_since sets GC_PAUSES, GC_PAUSE_TOTAL_MS and GC_PAUSE_MAX_MS
# for the stop-the-world pauses logged after that mark: long pauses show up directly in p99.
gc_mark() { wc -l <"$SERVER_GC_LOG" | tr -d ' '; }
gc_pauses_since() {  # mark
    read -r GC_PAUSES GC_PAUSE_TOTAL_MS GC_PAUSE_MAX_MS < <(awk -v from="$1" '
        NR > from && / Pause / && $NF ~ /ms$/ { v = $NF; sub(/ms$/, "", v); n++; total += v; if (v + 0 > max) max = v + 0 }
        END { printf "%d %.1f %.1f\n", n, total, max }' "$SERVER_GC_LOG")
}
load_average() { awk '{ print $1 }' /proc/loadavg 2>/dev/null || true; }

number_or_null() { [[ -n $1 ]] && echo "$1" || echo null; }

# ---------------------------------------------------------------------------------------------------------------
# nginx and wrk, for the scripts that compare with nginx. run_wrk needs THREADS, WORK_DIR, LUA_SCRIPT and the array
# WRK_COMMANDS (the distinct measuring command lines, for the report).

# nginx creates a temp directory for each compiled-in module at start-up, by default under /var/lib/nginx; prints
# the directives that point each one this build has at our directory.
nginx_temp_paths() {  # dir
    local dir=$1 built module
    built=$("$NGINX" -V 2>&1)
    printf '    client_body_temp_path %s/temp/client_body;\n' "$dir"
    for module in proxy fastcgi uwsgi scgi; do
        [[ $built == *"--without-http_${module}_module"* ]] && continue
        printf '    %s_temp_path %s/temp/%s;\n' "$module" "$dir" "$module"
    done
}

write_tool_call() {  # file tool arguments-json
    printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s}}' "$2" "$3" >"$1"
}

# Runs one wrk measurement and sets WRK_RPS, WRK_P50, WRK_P99 (ms), WRK_REQUESTS, WRK_ERRORS.
# p50/p99 come from wrk's --latency distribution.
run_wrk() {  # output-name url body-file connections seconds
    local name=$1 url=$2 body=$3 connections=$4 seconds=$5 threads out cmd line seen
    threads=$((THREADS < connections ? THREADS : connections))
    out=$WORK_DIR/wrk-$name.txt
    cmd=(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$LUA_SCRIPT" "$url")
    # The report lists each distinct measuring command once (warm-ups only differ in duration).
    line="BENCH_BODY_FILE=$(basename "$body") ${cmd[*]}"
    if [[ -n ${BENCH_HEADERS-} ]]; then  # with the headers that tell targets apart, the token left out
        line="BENCH_HEADERS=\"$(sed -E 's/(Bearer )[^|]*/\1$TOKEN/' <<<"$BENCH_HEADERS")\" $line"
    fi
    line=${line//$REPO_DIR\//}
    for seen in "${WRK_COMMANDS[@]}"; do [[ $seen == "$line" ]] && line=""; done
    if [[ -n $line && $name != *warmup* ]]; then WRK_COMMANDS+=("$line"); fi
    BENCH_BODY_FILE=$body "${cmd[@]}" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($name)"; }
    read -r WRK_RPS WRK_P50 WRK_P99 WRK_REQUESTS WRK_ERRORS < <(parse_wrk "$out")
    [[ -n $WRK_RPS && $WRK_RPS != "-" ]] || { cat "$out" >&2; die "could not read wrk's output ($out)"; }
    ((WRK_ERRORS == 0)) || warn "$name: $WRK_ERRORS failed requests (non-2xx or socket errors), see $out"
}

WARMUP_SLICE=10   # seconds of load between two looks at the JIT compilers
JIT_QUIET=0.02    # share of a core the compiler threads may still use in the last slice: "settled"
CLOCK_TICKS=$(getconf CLK_TCK)

jit_ticks() {  # pid...: CPU time of their JIT compiler threads (C1, C2), in clock ticks
    local pid task stat total=0 fields
    for pid in "$@"; do
        for task in /proc/"$pid"/task/*; do
            read -r stat <"$task/stat" 2>/dev/null || continue
            [[ $stat == *"(C1 CompilerThre"* || $stat == *"(C2 CompilerThre"* ]] || continue
            read -r -a fields <<<"${stat##*) }"}  # the fields after the name; utime and stime are 12th and 13th
            total=$((total + fields[11] + fields[12]))
        done
    done
    echo "$total"
}

# Loads url until the JIT has settled: at least min-seconds, then slices of WARMUP_SLICE until the compiler threads
# of the given Java processes used under JIT_QUIET of a core in the last one, at most max-seconds. Fixed warm-ups
# measured the JIT: the gateway kept compiling for 60-90 s of load on a slower machine and meanwhile used up to twice
# its settled CPU per request. Sets WARMED_S (seconds of load), WARMED_JIT (the last slice's share of a core) and
# WARMED_SETTLED (1 when that share was under JIT_QUIET, 0 when max-seconds ended the warm-up first).
warm_until_settled() {  # label url body-file connections min-seconds max-seconds pid...
    local label=$1 url=$2 body=$3 connections=$4 seconds=$5 max=$6 elapsed=0 before
    shift 6
    WARMED_JIT=1
    while :; do
        before=$(jit_ticks "$@")
        run_wrk "$label-warmup" "$url" "$body" "$connections" "$seconds"
        elapsed=$((elapsed + seconds))
        WARMED_JIT=$(awk -v t=$(($(jit_ticks "$@") - before)) -v hz="$CLOCK_TICKS" -v s="$seconds" \
            'BEGIN { printf "%.3f", t / hz / s }')
        below "$WARMED_JIT" "$JIT_QUIET" && break
        ((elapsed < max)) || { warn "$label: JIT still busy after $elapsed s of warm-up ($WARMED_JIT of a core)"; break; }
        seconds=$((max - elapsed < WARMUP_SLICE ? max - elapsed : WARMUP_SLICE))
    done
    WARMED_S=$elapsed
    WARMED_SETTLED=$(below "$WARMED_JIT" "$JIT_QUIET" && echo 1 || echo 0)
    log "warmed up: $label, $elapsed s (JIT compilers at $WARMED_JIT of a core in the last $seconds s)"
}

parse_wrk() {  # wrk-output-file: prints "rps p50_ms p99_ms requests errors"
    awk '
        function ms(v) {  # wrk prints 646.00us, 1.23ms, 1.02s, 1.00m
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /[0-9]s$/) return v * 1000
            if (v ~ /m$/) return v * 60000
            if (v ~ /h$/) return v * 3600000
            return v + 0
        }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        / requests in / { requests = $1 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
        END { printf "%s %.3f %.3f %s %d\n", (rps == "" ? "-" : rps), p50, p99, (requests == "" ? 0 : requests), errors }
    ' "$1"
}

