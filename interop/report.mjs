// What the interop clients (ts-client, ts-client-modern) share: their start and their report of a tool call, in one
// shape for both.

/** An error's message, or the value as text. */
export function describe(error) {
    return error instanceof Error ? error.message : String(error);
}

/** The text items of a tool result, joined; null when it has none. */
export function textOf(result) {
    const texts = (result.content ?? []).filter(item => item.type === 'text').map(item => item.text);
    return texts.length === 0 ? null : texts.join('\n');
}

/**
 * Calls each tool of {@code calls} with {@code callTool(call)} and reports each outcome: the result (a result with
 * isError is a result) or the protocol-level failure, which is also written to stderr under {@code label}.
 */
export async function callEach(calls, callTool, label) {
    const outcomes = [];
    let failures = 0;
    for (const call of calls) {
        try {
            const result = await callTool(call);
            outcomes.push({ name: call.name, isError: result.isError === true,
                structuredContent: result.structuredContent ?? null, text: textOf(result) });
        } catch (error) {
            failures++;
            outcomes.push({ name: call.name, error: { code: error?.code ?? null, message: describe(error) } });
            process.stderr.write(`${label}: calling ${call.name} failed: ${describe(error)}\n`);
        }
    }
    return { outcomes, failures };
}

/** Connects {@code client} over {@code transport} and lists its tools; on a failure closes the client and throws. */
export async function connectAndListTools(client, transport, timeoutMs) {
    try {
        await client.connect(transport, { timeout: timeoutMs });
        return (await client.listTools(undefined, { timeout: timeoutMs })).tools;
    } catch (error) {
        await client.close().catch(() => {});
        throw error;
    }
}
