#!/usr/bin/env node
// Drives one MCP server with the official MCP TypeScript SDK client over Streamable HTTP and prints what it saw.
//
// Usage:
//   node client.mjs <server-url> [<plan-json>]
//   MCP_SERVER_URL=<server-url> MCP_PLAN=<plan-json> node client.mjs
// With MCP_BEARER_TOKEN set, every request carries "Authorization: Bearer <token>" (for the gateway's /mcp).
// With MCP_CLIENT_ID and MCP_CLIENT_SECRET set instead, the SDK authorizes by itself, as an agent would: from the
// server's 401 it finds the protected resource metadata, then the authorization server's, and gets a token with the
// client credentials grant.
//
// The plan is a JSON object: {"calls": [{"name": "<tool>", "arguments": {...}}, ...], "timeoutMs": 30000}.
// Both fields are optional; without calls the client only initialises and lists the tools.
//
// Output: one JSON object on stdout,
//   {"protocolVersion": "...", "serverInfo": {...}, "capabilities": {...}, "tools": ["name", ...],
//    "calls": [{"name", "isError", "structuredContent", "text"} | {"name", "error": {"code", "message"}}],
//    "transportErrors": ["..."]}
// Exit status: 0 when every step succeeded (a tool result with isError:true is a result, not a failure);
// 1 when a call failed at the protocol level (the JSON is still printed); 2 for a bad command line;
// 3 when connecting, initialising or listing tools failed. The reason always goes to stderr.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { callEach, connectAndListTools, describe } from '../report.mjs';

const DEFAULT_TIMEOUT_MS = 30_000;

function fail(status, message) {
    process.stderr.write(`ts-client: ${message}\n`);
    process.exit(status);
}

function readArguments(argv, env) {
    const url = argv[0] ?? env.MCP_SERVER_URL;
    const planText = argv[1] ?? env.MCP_PLAN ?? '{}';
    if (!url) {
        fail(2, 'no server URL: pass it as the first argument or set MCP_SERVER_URL');
    }
    let serverUrl;
    try {
        serverUrl = new URL(url);
    } catch (error) {
        fail(2, `not a URL: ${url} (${describe(error)})`);
    }
    let plan;
    try {
        plan = JSON.parse(planText);
    } catch (error) {
        fail(2, `the plan is not JSON: ${describe(error)}`);
    }
    if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
        fail(2, 'the plan must be a JSON object like {"calls":[{"name":"tool","arguments":{}}]}');
    }
    const calls = plan.calls ?? [];
    if (!Array.isArray(calls) || calls.some(c => c === null || typeof c !== 'object' || typeof c.name !== 'string')) {
        fail(2, 'plan.calls must be an array of {"name": string, "arguments": object}');
    }
    const timeoutMs = plan.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        fail(2, 'plan.timeoutMs must be a positive integer');
    }
    return { serverUrl, calls, timeoutMs };
}

async function main() {
    const { serverUrl, calls, timeoutMs } = readArguments(process.argv.slice(2), process.env);
    const transportErrors = [];
    const token = process.env.MCP_BEARER_TOKEN;
    const clientId = process.env.MCP_CLIENT_ID;
    const transport = new StreamableHTTPClientTransport(serverUrl,
        token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } }
            : clientId ? { authProvider: new ClientCredentialsProvider({
                clientId, clientSecret: process.env.MCP_CLIENT_SECRET }) }
            : undefined);
    const client = new Client({ name: 'mcp-tools-gateway-ts-interop', version: '0.1.0' });
    client.onerror = error => transportErrors.push(describe(error));

    let tools;
    try {
        tools = await connectAndListTools(client, transport, timeoutMs);
    } catch (error) {
        fail(3, `could not initialise or list tools at ${serverUrl}: ${describe(error)}`);
    }

    const { outcomes, failures } = await callEach(calls, call => client.callTool(
        { name: call.name, arguments: call.arguments ?? {} }, undefined, { timeout: timeoutMs }), 'ts-client');
    const report = {
        protocolVersion: transport.protocolVersion ?? null,
        serverInfo: client.getServerVersion() ?? null,
        capabilities: client.getServerCapabilities() ?? null,
        tools: tools.map(tool => tool.name),
        calls: outcomes,
        // A copy taken before close: closing aborts the SDK's background GET stream if it is still being opened,
        // which is our doing, not the server's.
        transportErrors: [...transportErrors],
    };
    await client.close().catch(error => report.transportErrors.push(`close: ${describe(error)}`));
    // Exit only once the report is flushed: an SDK timer left behind must not keep the process alive.
    process.stdout.write(`${JSON.stringify(report)}\n`, () => {
        if (failures > 0) {
            fail(1, `${failures} of ${calls.length} tool call(s) failed at the protocol level`);
        }
        process.exit(0);
    });
}

main().catch(error => fail(3, `unexpected failure: ${error?.stack ?? describe(error)}`));
