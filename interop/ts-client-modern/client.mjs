#!/usr/bin/env node
// Drives one MCP server with the official MCP TypeScript client of MCP 2026-07-28 (SDK v2,
// @modelcontextprotocol/client) over Streamable HTTP and prints what it saw.
//
// Usage:
//   node client.mjs <server-url> [<plan-json>]
// With MCP_BEARER_TOKEN set, every request carries "Authorization: Bearer <token>" (for the gateway's /mcp).
//
// The plan is a JSON object, every field optional:
//   {"negotiation": "pin" | "auto",            how the client finds the era: pinned to 2026-07-28 (default), or
//                                              probing with server/discover and falling back to initialize
//    "calls": [{"name": "<tool>", "arguments": {...}}, ...],
//    "listen": {"waitMs": 10000},              open a subscriptions/listen stream for tool list changes, print
//                                              {"subscribed": {...honoured filter}} on its own line at once, and wait
//                                              until it closes or waitMs passes
//    "timeoutMs": 30000}
//
// Output on stdout: with "listen", first the line {"subscribed": {...}}; last, one JSON object,
//   {"protocolVersion", "era", "serverInfo", "capabilities", "tools": [...], "calls": [{"name", "isError",
//    "structuredContent", "text"} | {"name", "error": {"code", "message"}}],
//    "subscription": {"honoured", "listChanged": <notifications heard>, "closed": "local|graceful|remote|open"}}
// Exit status: 0 when every step succeeded (a tool result with isError:true is a result, not a failure);
// 1 when a call or the subscription failed at the protocol level (the JSON is still printed); 2 for a bad command
// line; 3 when connecting or listing tools failed. The reason always goes to stderr.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { callEach, connectAndListTools, describe } from '../report.mjs';

const DEFAULT_TIMEOUT_MS = 30_000;
const MODERN = '2026-07-28';

function fail(status, message) {
    process.stderr.write(`ts-client-modern: ${message}\n`);
    process.exit(status);
}

function readArguments(argv) {
    const url = argv[0];
    if (!url) {
        fail(2, 'no server URL: pass it as the first argument');
    }
    let serverUrl;
    let plan;
    try {
        serverUrl = new URL(url);
    } catch (error) {
        fail(2, `not a URL: ${url} (${describe(error)})`);
    }
    try {
        plan = JSON.parse(argv[1] ?? '{}');
    } catch (error) {
        fail(2, `the plan is not JSON: ${describe(error)}`);
    }
    if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
        fail(2, 'the plan must be a JSON object');
    }
    const calls = plan.calls ?? [];
    if (!Array.isArray(calls) || calls.some(c => c === null || typeof c !== 'object' || typeof c.name !== 'string')) {
        fail(2, 'plan.calls must be an array of {"name": string, "arguments": object}');
    }
    const negotiation = plan.negotiation ?? 'pin';
    if (negotiation !== 'pin' && negotiation !== 'auto') {
        fail(2, 'plan.negotiation must be "pin" or "auto"');
    }
    const timeoutMs = plan.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        fail(2, 'plan.timeoutMs must be a positive integer');
    }
    const listen = plan.listen ?? null;
    if (listen !== null && !(Number.isInteger(listen.waitMs) && listen.waitMs > 0)) {
        fail(2, 'plan.listen must be {"waitMs": <positive integer>}');
    }
    return { serverUrl, calls, negotiation, timeoutMs, listen };
}

/** Subscribes to tool list changes, says so at once, and waits for the stream to close or the time to pass. */
async function subscribe(client, listen, timeoutMs) {
    let heard = 0;
    client.setNotificationHandler('notifications/tools/list_changed', () => { heard++; });
    const subscription = await client.listen({ toolsListChanged: true }, { timeout: timeoutMs });
    await new Promise(resolve => process.stdout.write(`${JSON.stringify({ subscribed: subscription.honoredFilter })}\n`,
        resolve));
    let timer;
    const closed = await Promise.race([subscription.closed,
        new Promise(resolve => { timer = setTimeout(() => resolve('open'), listen.waitMs); })]);
    clearTimeout(timer);
    if (closed === 'open') {
        await subscription.close();
    }
    return { honoured: subscription.honoredFilter, listChanged: heard, closed };
}

async function main() {
    const { serverUrl, calls, negotiation, timeoutMs, listen } = readArguments(process.argv.slice(2));
    const token = process.env.MCP_BEARER_TOKEN;
    const transport = new StreamableHTTPClientTransport(serverUrl,
        token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : undefined);
    const client = new Client({ name: 'mcp-tools-gateway-ts-modern-interop', version: '0.1.0' },
        { versionNegotiation: { mode: negotiation === 'auto' ? 'auto' : { pin: MODERN } } });

    let tools;
    try {
        tools = await connectAndListTools(client, transport, timeoutMs);
    } catch (error) {
        fail(3, `could not connect or list tools at ${serverUrl}: ${describe(error)}`);
    }

    const { outcomes, failures } = await callEach(calls, call => client.callTool(
        { name: call.name, arguments: call.arguments ?? {} }, { timeout: timeoutMs }), 'ts-client-modern');
    let subscription = null;
    let subscriptionFailed = false;
    if (listen !== null) {
        try {
            subscription = await subscribe(client, listen, timeoutMs);
        } catch (error) {
            subscriptionFailed = true;
            subscription = { error: { code: error?.code ?? null, message: describe(error) } };
            process.stderr.write(`ts-client-modern: subscribing failed: ${describe(error)}\n`);
        }
    }
    const report = {
        protocolVersion: client.getNegotiatedProtocolVersion() ?? null,
        era: client.getProtocolEra?.() ?? null,
        serverInfo: client.getServerVersion() ?? null,
        capabilities: client.getServerCapabilities() ?? null,
        tools: tools.map(tool => tool.name),
        calls: outcomes,
        subscription,
    };
    await client.close().catch(() => {});
    process.stdout.write(`${JSON.stringify(report)}\n`, () => {
        if (failures > 0 || subscriptionFailed) {
            fail(1, `${failures} of ${calls.length} tool call(s) failed at the protocol level`
                + (subscriptionFailed ? ', and the subscription failed' : ''));
        }
        process.exit(0);
    });
}

main().catch(error => fail(3, `unexpected failure: ${error?.stack ?? describe(error)}`));
