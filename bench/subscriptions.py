#!/usr/bin/env python3
"""What open subscriptions/listen streams (MCP 2026-07-28) cost a running gateway.

Opens N streams to the gateway's /mcp with a token, waits for every acknowledgement, then measures for a while the
gateway's CPU time (from /proc, so run it on the gateway's machine) against the same time without streams, and its
old generation after a full collection (jcmd GC.run, then /metrics/prometheus) with and without them.

Example (the gateway's mcp.max_subscriptions_per_caller must allow N streams for one token):
  bench/subscriptions.py --pid "$(pgrep -f 'gateway --port 8080')" --token "$TOKEN" --streams 500
Prints one JSON object; exit status 0, or 1 when not every stream was acknowledged.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

LISTEN = {"jsonrpc": "2.0", "id": 1, "method": "subscriptions/listen", "params": {
    "_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
              "io.modelcontextprotocol/clientCapabilities": {}},
    "notifications": {"toolsListChanged": True}}}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime, in clock ticks


def old_generation_bytes(pid, url):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(1)
    with urllib.request.urlopen(url + "/metrics/prometheus") as page:
        for line in page.read().decode().splitlines():
            if line.startswith("jvm_memory_used_bytes{") and 'id="G1 Old Gen"' in line:
                return float(line.rsplit(" ", 1)[1])
    raise SystemExit("no G1 Old Gen meter on /metrics/prometheus")


def cpu_share(pid, seconds):
    start = cpu_seconds(pid)
    time.sleep(seconds)
    return (cpu_seconds(pid) - start) / seconds


def open_streams(host, port, token, count):
    body = json.dumps(LISTEN).encode()
    request = (f"POST /mcp HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
               "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
               "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: subscriptions/listen\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    streams = []
    for _ in range(count):
        stream = socket.create_connection((host, port))
        stream.sendall(request)
        streams.append(stream)
    acknowledged = []
    for stream in streams:
        stream.settimeout(10)
        seen = b""
        try:
            # a refusal (429, 503) is a whole answer and no acknowledgement; its connection is closed
            while b"notifications/subscriptions/acknowledged" not in seen and not seen.startswith(b"HTTP/1.1 4") \
                    and not seen.startswith(b"HTTP/1.1 5"):
                chunk = stream.recv(65536)
                if not chunk:
                    break
                seen += chunk
        except socket.timeout:
            pass
        if b"notifications/subscriptions/acknowledged" in seen:
            acknowledged.append(stream)
        else:
            stream.close()
    return acknowledged


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pid", type=int, required=True, help="the gateway's process id")
    parser.add_argument("--token", required=True, help="a bearer token the gateway takes")
    parser.add_argument("--streams", type=int, default=500, help="streams to open (default 500)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--seconds", type=float, default=60, help="CPU measured over this long (default 60)")
    options = parser.parse_args()
    url = f"http://{options.host}:{options.port}"

    idle_cpu = cpu_share(options.pid, options.seconds)
    old_before = old_generation_bytes(options.pid, url)
    started = time.time()
    streams = open_streams(options.host, options.port, options.token, options.streams)
    opened_in = time.time() - started
    streaming_cpu = cpu_share(options.pid, options.seconds)
    old_with = old_generation_bytes(options.pid, url)
    for stream in streams:
        stream.close()
    print(json.dumps({
        "streams": options.streams, "acknowledged": len(streams), "opened_in_s": round(opened_in, 2),
        "cpu_share_without": round(idle_cpu, 4), "cpu_share_with": round(streaming_cpu, 4),
        "heap_kb_per_stream": round((old_with - old_before) / max(1, len(streams)) / 1024, 1)}))
    sys.exit(0 if len(streams) == options.streams else 1)


if __name__ == "__main__":
    main()
