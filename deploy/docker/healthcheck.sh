#!/bin/bash
# The image's health check, on 127.0.0.1: GET /health of an MCP server, /health/live of the gateway (its /health is 503
# while every backend is down, which a restart of the gateway would not mend).
# The port: HEALTH_PORT when set; else the --port of the command line (of PID 1, or of the process given as $1);
# else the part's port variable and default (gateway GATEWAY_PORT/8080, search-server SEARCH_SERVER_PORT/8081,
# reasoning-server REASONING_SERVER_PORT/8082). A gateway whose port is set only in its YAML file needs HEALTH_PORT.
# The JRE image has bash but no curl: the request is written by hand. Exit 0 when the answer is 200, 1 otherwise.
set -u
pid=${1:-1}
command_line=$(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") || exit 1
case " $command_line" in
  *" search-server "*) default_port=${SEARCH_SERVER_PORT:-8081} path=/health ;;
  *" reasoning-server "*) default_port=${REASONING_SERVER_PORT:-8082} path=/health ;;
  *) default_port=${GATEWAY_PORT:-8080} path=/health/live ;;
esac
port=${HEALTH_PORT:-}
if [[ -z $port && $command_line =~ (^|\ )--port[=\ ]([0-9]+) ]]; then
  port=${BASH_REMATCH[2]}
fi
port=${port:-$default_port}
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
read -r -t 2 status <&3 || exit 1 # within the image's HEALTHCHECK --timeout=3s
[[ $status == *" 200 "* ]]
