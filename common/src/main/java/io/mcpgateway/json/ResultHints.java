package io.mcpgateway.json;

/**
 * Keys this project's MCP servers put in a tool result's {@code _meta}, and its gateway reads (MCP reserves
 * {@code _meta} for such metadata; a prefix of reverse-DNS form keeps the key apart from others').
 */
public final class ResultHints {

    /**
     * {@code true} on a result that a repeated call would not give again, such as a random pick without a seed: a
     * cache must not answer a later call with it (as HTTP's {@code Cache-Control: no-store}).
     */
    public static final String NO_STORE = "io.mcpgateway/no-store";

    private ResultHints() {
    }
}
