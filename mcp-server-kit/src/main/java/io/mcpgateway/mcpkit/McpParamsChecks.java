package io.mcpgateway.mcpkit;

import java.util.Map;

/**
 * The checks of request params that the MCP servers and the gateway's {@code /mcp} make alike, before the params are
 * read, with the messages their -32602 answers carry.
 */
public final class McpParamsChecks {

    /** Why params that are no object are refused, whatever the method. */
    public static final String PARAMS_PROBLEM = "Invalid params: params must be a JSON object";
    /** Why params whose {@code _meta} is no object are refused, whatever the method. */
    public static final String META_PROBLEM = "Invalid params: params._meta must be a JSON object";

    /** Why {@code initialize} params are refused. */
    public static final String INITIALIZE_PROBLEM =
            "Invalid params for initialize: an object with protocolVersion, capabilities and clientInfo";

    /** Why a {@code tools/list} cursor is refused: every tool comes in one page, so no cursor was ever given out. */
    public static final String CURSOR_PROBLEM = "Invalid cursor: tools/list answers every tool at once";

    /** Why {@code tools/call} params without a tool's name are refused. */
    public static final String TOOL_NAME_PROBLEM = "tools/call needs params.name, the tool's name";
    /**
     * How many characters of a caller's tool or method name an error message repeats: a name of a megabyte must not
     * come back as an answer of a megabyte.
     */
    public static final int ECHOED_NAME = 200;

    private McpParamsChecks() {
    }

    /**
     * Why {@code params} cannot be read whatever the method, or null: JSON-RPC's params are structured, MCP's an object
     * for every method, with {@code _meta}, when present, an object too (a null is taken as left out).
     */
    public static String shapeProblem(Object params) {
        if (params == null) {
            return null;
        }
        if (!(params instanceof Map<?, ?> p)) {
            return PARAMS_PROBLEM;
        }
        Object meta = p.get("_meta");
        return meta == null || meta instanceof Map ? null : META_PROBLEM;
    }

    /** Whether {@code tools/call} params name a tool (a string; which one is checked against the tools after). */
    public static boolean namesATool(Object params) {
        return params instanceof Map<?, ?> p && p.get("name") instanceof String;
    }

    /** Whether {@code params} can be read as {@code initialize}'s: the members MCP requires, of their types. */
    public static boolean initializeReadable(Object params) {
        return params instanceof Map<?, ?> p && p.get("protocolVersion") instanceof String
                && p.get("capabilities") instanceof Map && p.get("clientInfo") instanceof Map;
    }

    /** Whether {@code tools/list} params carry a cursor (MCP pagination: an invalid cursor is -32602). */
    public static boolean hasCursor(Object params) {
        return params instanceof Map<?, ?> p && p.get("cursor") != null;
    }
}
