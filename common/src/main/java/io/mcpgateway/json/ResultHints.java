package io.mcpgateway.json;

/**
 * Keys of {@code _meta} that this project's gateway and MCP servers exchange, in a tool result or a {@code tools/call}
 * request (MCP reserves {@code _meta} for such metadata; a prefix of reverse-DNS form keeps the keys apart from
 * others'). A server that does not know them ignores them, as MCP asks, so each is an offer, never a requirement.
 */
public final class ResultHints {

    /**
     * {@code true} on a result that a repeated call would not give again, such as a random pick without a seed: a
     * cache must not answer a later call with it (as HTTP's {@code Cache-Control: no-store}).
     */
    public static final String NO_STORE = "io.mcpgateway/no-store";

    /**
     * {@code true} in a {@code tools/call} request's {@code _meta} when the caller reads only the result's
     * {@code structuredContent}: a server may then leave out the text items that repeat it as JSON (MCP 2025-06-18
     * §Structured Content asks for that copy for older clients). The gateway's REST routes ask for it: the copy, a JSON
     * string of the same data, is over half the bytes of a search answer, all read and skipped for nothing (in
     * alternating runs of bench's REST route, 446 → 378 µs of gateway CPU per call and +15% requests/s).
     */
    public static final String STRUCTURED_ONLY = "io.mcpgateway/structured-only";

    private ResultHints() {
    }
}
