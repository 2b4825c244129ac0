package io.mcpgateway.mcpkit;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The checks a server of MCP 2026-07-28 ("modern" in its versioning page) makes of a request before it answers it:
 * {@code _meta} names the protocol version and the client's capabilities, and the Streamable HTTP headers that mirror
 * the version, the method, the tool's name and annotated arguments say what the body says. Shared by the gateway's
 * {@code /mcp} and our MCP servers, which both serve that revision beside the earlier ones.
 */
public final class ModernRequests {

    /** The modern versions spoken, newest first. */
    public static final List<String> VERSIONS = List.of("2026-07-28");

    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    public static final String VERSION_HEADER = "MCP-Protocol-Version";
    public static final String METHOD_HEADER = "Mcp-Method";

    /** Headers that do not say what the body says (HTTP 400). */
    public static final int HEADER_MISMATCH = -32020;
    /** A capability the request needs that the client did not declare (HTTP 400). */
    public static final int MISSING_CLIENT_CAPABILITY = -32021;
    /** A protocol version this server does not speak (HTTP 400), with the versions it does. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    private static final int INVALID_PARAMS = -32602;

    /**
     * A request refused before it is answered.
     *
     * @param status the HTTP status
     * @param code the reason, for the access log
     * @param rpcCode the JSON-RPC error's code
     * @param data the error's data, or null
     */
    public record Refusal(int status, String code, int rpcCode, String message, Object data) {
    }

    private ModernRequests() {
    }

    /** Every version spoken, newest first: the modern ones, then {@code earlier} (ISO dates sort as text). */
    public static List<String> spoken(List<String> earlier) {
        return Stream.concat(VERSIONS.stream(), earlier.stream().sorted(Comparator.reverseOrder())).toList();
    }

    /**
     * The refusal of a modern request whose {@code _meta} or mirrored headers are wrong; null when it is to be
     * answered. The version comes first, so that a client of another revision learns which ones are spoken whatever
     * else that revision puts in {@code _meta}.
     *
     * @param supported every version spoken, newest first (those of the earlier era too)
     * @param earlier the versions of the era that opens with {@code initialize}
     * @param inputSchemaOf a tool's input schema by its name, null for an unknown tool
     */
    public static Refusal check(String method, Object params, MirroredHeaders.Lines headers, List<String> supported,
            List<String> earlier, Function<String, Map<String, Object>> inputSchemaOf) {
        String shapeProblem = McpParamsChecks.shapeProblem(params);
        if (shapeProblem != null) {
            return new Refusal(400, "INVALID_PARAMS", INVALID_PARAMS, shapeProblem, null);
        }
        Map<?, ?> meta = params instanceof Map<?, ?> map && map.get("_meta") instanceof Map<?, ?> m ? m : Map.of();
        if (!(meta.get(PROTOCOL_VERSION) instanceof String version)) {
            return invalidParams("params._meta must name " + PROTOCOL_VERSION + " (a string) in every request of MCP "
                    + VERSIONS.get(0));
        }
        String header = headers.value(VERSION_HEADER);
        if (header == null || !header.equals(version)) {
            return mismatch(header == null ? "the " + VERSION_HEADER + " header is missing"
                    : "the " + VERSION_HEADER + " header value '" + MirroredHeaders.echoed(header)
                            + "' does not match the body's, '" + MirroredHeaders.echoed(version) + "'");
        }
        if (!VERSIONS.contains(version)) {
            return unsupportedVersion(version, supported, earlier);
        }
        if (!(meta.get(CLIENT_CAPABILITIES) instanceof Map<?, ?>)) {
            return invalidParams("params._meta must hold " + CLIENT_CAPABILITIES + " (an object, {} for none) in every"
                    + " request of MCP " + VERSIONS.get(0));
        }
        for (String single : List.of(METHOD_HEADER, MirroredHeaders.NAME)) {
            if (headers.repeated(single)) {
                return mismatch("the " + single + " header is sent on more than one line");
            }
        }
        String methodHeader = headers.value(METHOD_HEADER);
        if (methodHeader == null || !methodHeader.equals(method)) {
            return mismatch(methodHeader == null ? "the " + METHOD_HEADER + " header is missing"
                    : "the " + METHOD_HEADER + " header value '" + MirroredHeaders.echoed(methodHeader)
                            + "' does not match the method in the body, '" + MirroredHeaders.echoed(method) + "'");
        }
        String problem = "tools/call".equals(method) && params instanceof Map<?, ?> map
                && map.get("name") instanceof String name ? toolCallProblem(name, map, headers, inputSchemaOf) : null;
        return problem == null ? null : mismatch(problem);
    }

    private static String toolCallProblem(String name, Map<?, ?> params, MirroredHeaders.Lines headers,
            Function<String, Map<String, Object>> inputSchemaOf) {
        String problem = MirroredHeaders.nameProblem(headers.value(MirroredHeaders.NAME), name);
        if (problem != null) {
            return problem;
        }
        Map<String, Object> inputSchema = inputSchemaOf.apply(name);
        @SuppressWarnings("unchecked") // Jackson reads a JSON object as a map with string keys
        Map<String, Object> arguments = params.get("arguments") instanceof Map<?, ?> given
                ? (Map<String, Object>) given : Map.of();
        return inputSchema == null ? null : MirroredHeaders.paramsProblem(inputSchema, arguments, headers);
    }

    /** The refusal of a version not spoken, listing those that are. */
    public static Refusal unsupportedVersion(String requested, List<String> supported, List<String> earlier) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("supported", supported);
        data.put("requested", requested);
        String hint = earlier.contains(requested)
                ? " (" + requested + " is spoken in sessions opened with initialize, not named in _meta)" : "";
        return new Refusal(400, "UNSUPPORTED_PROTOCOL_VERSION", UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol"
                + " version '" + MirroredHeaders.echoed(requested) + "'" + hint + ". Supported versions: "
                + String.join(", ", supported), data);
    }

    private static Refusal invalidParams(String problem) {
        return new Refusal(400, "INVALID_PARAMS", INVALID_PARAMS, "Invalid params: " + problem, null);
    }

    private static Refusal mismatch(String problem) {
        return new Refusal(400, "HEADER_MISMATCH", HEADER_MISMATCH, "Header mismatch: " + problem, null);
    }
}
