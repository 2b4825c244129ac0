#!/usr/bin/env node
// A backend that speaks MCP 2026-07-28 only, made with the official MCP TypeScript server SDK (v2,
// @modelcontextprotocol/server), for the gateway's interop tests: one tool, `locate`, whose `region` argument is
// mirrored into the Mcp-Param-Region header (x-mcp-header), which the SDK checks against the body.
//
// Usage: node server.mjs [<port>]   (0 or none: any free port)
// Prints {"port": <port>} on stdout once it listens on 127.0.0.1.
//   POST /mcp      the MCP endpoint (requests of the initialize era are refused with -32022, as a server of this
//                  revision only refuses them)
//   GET /health    {"status": "healthy"}
//   POST /change   the tool's description changes, and open subscriptions/listen streams are told
//                  (notifications/tools/list_changed)
// It stops on SIGTERM or when its standard input closes (the test that started it is gone).

import { createServer } from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

let version = 1;

function serverFor() {
    const server = new McpServer({ name: 'ts-modern-places', version: '1.0.0' });
    server.registerTool('locate', {
        description: `Where a region is, version ${version}`,
        inputSchema: fromJsonSchema({
            type: 'object',
            properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
            required: ['region'],
        }),
    }, async ({ region }) => ({
        content: [{ type: 'text', text: `in ${region}` }],
        structuredContent: { success: true, data: { region, continent: 'Asia' } },
    }));
    return server;
}

const handler = createMcpHandler(serverFor, {
    legacy: 'reject',
    keepAliveMs: 1000,
    onerror: error => process.stderr.write(`ts-server-modern: ${error.message}\n`),
});
const mcp = toNodeHandler(handler);

const http = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/change' && req.method === 'POST') {
        version++;
        handler.notify.toolsChanged();
        res.end('changed');
    } else if (path === '/health' && req.method === 'GET') {
        res.setHeader('Content-Type', 'application/json');
        res.end('{"status":"healthy"}');
    } else if (path === '/mcp') {
        mcp(req, res);
    } else {
        res.statusCode = 404;
        res.end();
    }
});

function stop() {
    handler.close().finally(() => http.close(() => process.exit(0)));
    http.closeAllConnections();
}

process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`);
});
