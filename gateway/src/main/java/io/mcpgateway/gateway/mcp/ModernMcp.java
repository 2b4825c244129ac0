package io.mcpgateway.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.mcpgateway.json.RawJson;
import io.mcpgateway.json.RawJsonPieces;
import io.mcpgateway.mcpkit.McpParamsChecks;
import io.mcpgateway.mcpkit.MirroredHeaders;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP's stateless revision, 2026-07-28 ("modern" in its versioning page): no {@code initialize}; every request names
 * its protocol version and the client's capabilities in {@code params._meta}; Streamable HTTP mirrors the version, the
 * method and the tool's name into headers, which the server checks against the body; every result says its
 * {@code resultType}. {@code /mcp} serves both eras (a dual-era server): a request is modern when its
 * {@code MCP-Protocol-Version} header names a modern version or its {@code _meta} names any version; an
 * {@code initialize} request, or one naming neither, is served as before. Whatever era a client speaks, each backend
 * is spoken to in its own (BackendEra): the gateway is where the two eras meet.
 */
final class ModernMcp {

    /** The modern versions /mcp speaks, newest first. */
    static final List<String> VERSIONS = List.of("2026-07-28");
    /** Every version /mcp speaks, newest first: what an unsupported version's error lists. */
    static final List<String> ALL_VERSIONS = Stream.concat(VERSIONS.stream(), McpMethods.PROTOCOL_VERSIONS.stream())
            .toList();

    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String METHOD_HEADER = "Mcp-Method";

    /** Headers that do not say what the body says (-32020, HTTP 400). */
    static final int HEADER_MISMATCH = -32020;
    /** A protocol version this server does not speak (-32022, HTTP 400), with the versions it does. */
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private static final String COMPLETE = "\"resultType\":\"complete\"";

    /** A request refused before it is answered: its HTTP status, the code for the access log, the JSON-RPC error. */
    record Refusal(int status, String code, Map<String, Object> answer) {
    }

    private ModernMcp() {
    }

    /**
     * Whether a body is to be served as MCP 2026-07-28: its header names a modern version, or it is a request whose
     * {@code _meta} names a protocol version. An {@code initialize} request never is: it chooses the earlier era.
     */
    static boolean isModern(String headerVersion, Object body) {
        if (body instanceof Map<?, ?> message && "initialize".equals(message.get("method"))) {
            return false;
        }
        return headerVersion != null && VERSIONS.contains(headerVersion)
                || body instanceof Map<?, ?> message && message.get("params") instanceof Map<?, ?> params
                        && params.get("_meta") instanceof Map<?, ?> meta && meta.containsKey(PROTOCOL_VERSION);
    }

    /**
     * The refusal of a modern request whose {@code _meta} or mirrored headers are wrong; null when it is to be
     * answered. The version comes first, so that a client of another revision learns which ones are spoken whatever
     * else that revision puts in {@code _meta}.
     *
     * @param catalog where the tool a {@code tools/call} names is found, for the arguments its schema mirrors
     */
    static Refusal check(McpMessage request, MirroredHeaders.Lines headers, ToolCatalog catalog) {
        Object id = request.id();
        String shapeProblem = McpParamsChecks.shapeProblem(request.params());
        if (shapeProblem != null) {
            return new Refusal(400, "INVALID_PARAMS", JsonRpc.error(id, JsonRpc.INVALID_PARAMS, shapeProblem));
        }
        Map<?, ?> meta = request.params() instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> m
                ? m : Map.of();
        if (!(meta.get(PROTOCOL_VERSION) instanceof String version)) {
            return invalidParams(id, "params._meta must name " + PROTOCOL_VERSION + " (a string) in every request of"
                    + " MCP " + VERSIONS.get(0));
        }
        String header = headers.value(VERSION_HEADER);
        if (header == null || !header.equals(version)) {
            return mismatch(id, header == null ? "the " + VERSION_HEADER + " header is missing"
                    : "the " + VERSION_HEADER + " header value '" + echoed(header)
                            + "' does not match the body's, '" + echoed(version) + "'");
        }
        if (!VERSIONS.contains(version)) {
            return unsupportedVersion(id, version);
        }
        if (!(meta.get(CLIENT_CAPABILITIES) instanceof Map<?, ?>)) {
            return invalidParams(id, "params._meta must hold " + CLIENT_CAPABILITIES + " (an object, {} for none) in"
                    + " every request of MCP " + VERSIONS.get(0));
        }
        for (String single : List.of(METHOD_HEADER, MirroredHeaders.NAME)) {
            if (headers.repeated(single)) {
                return mismatch(id, "the " + single + " header is sent on more than one line");
            }
        }
        String method = headers.value(METHOD_HEADER);
        if (method == null || !method.equals(request.method())) {
            return mismatch(id, method == null ? "the " + METHOD_HEADER + " header is missing"
                    : "the " + METHOD_HEADER + " header value '" + echoed(method) + "' does not match the method"
                            + " in the body, '" + echoed(request.method()) + "'");
        }
        if ("tools/call".equals(request.method()) && request.params() instanceof Map<?, ?> params
                && params.get("name") instanceof String name) {
            String problem = MirroredHeaders.nameProblem(headers.value(MirroredHeaders.NAME), name);
            if (problem == null) {
                Map<String, Object> arguments = params.get("arguments") instanceof Map<?, ?> given ? argumentsOf(given)
                        : Map.of();
                problem = catalog.find(name).map(tool -> MirroredHeaders.paramsProblem(tool.tool().inputSchema(),
                        arguments, headers)).orElse(null);
            }
            if (problem != null) {
                return mismatch(id, problem);
            }
        }
        return null;
    }

    /** The methods of MCP 2026-07-28 that /mcp answers; another is 404 (transport, "Protocol Version Header"). */
    static final List<String> METHODS = List.of("server/discover", "tools/list", "tools/call");

    /** The refusal of a version /mcp does not speak, listing those it does (both eras'). */
    static Refusal unsupportedVersion(Object id, String requested) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("supported", ALL_VERSIONS);
        data.put("requested", requested);
        String earlier = McpMethods.PROTOCOL_VERSIONS.contains(requested)
                ? " (" + requested + " is spoken in sessions opened with initialize, not named in _meta)" : "";
        return new Refusal(400, "UNSUPPORTED_PROTOCOL_VERSION", JsonRpc.error(id, UNSUPPORTED_PROTOCOL_VERSION,
                "Unsupported protocol version '" + echoed(requested) + "'" + earlier + ". Supported versions: "
                        + String.join(", ", ALL_VERSIONS), data));
    }

    /**
     * {@code answer} as MCP 2026-07-28 wants it: a result says it is {@code complete} and, where the gateway made it,
     * names the gateway in its {@code _meta}. A backend's result passed through as bytes gets only the
     * {@code resultType}, put first without copying it; its own {@code _meta} stays as it was, unread.
     */
    static Map<String, Object> completed(Map<String, Object> answer, Map<String, Object> serverInfo) {
        if (answer.containsKey("result")) {
            answer.put("result", completed(answer.get("result"), serverInfo));
        }
        return answer;
    }

    private static Object completed(Object result, Map<String, Object> serverInfo) {
        List<RawJson> raw = RawJsonPieces.of(result);
        if (raw != null) { // a backend's, whose own resultType, if any, the scanner took out (ToolCallScanner)
            return RawJsonPieces.withFirstMember(raw, COMPLETE);
        }
        if (result instanceof ObjectNode node) { // a backend's result read as a tree
            ObjectNode copy = node.deepCopy();
            if (!copy.has("resultType")) {
                copy.put("resultType", "complete");
            }
            return copy;
        }
        if (result instanceof Map<?, ?> members) { // the gateway's own
            Map<String, Object> completed = new LinkedHashMap<>();
            completed.put("resultType", "complete");
            members.forEach((name, value) -> completed.putIfAbsent(String.valueOf(name), value));
            Map<String, Object> meta = new LinkedHashMap<>();
            if (members.get("_meta") instanceof Map<?, ?> own) {
                own.forEach((name, value) -> meta.put(String.valueOf(name), value));
            }
            meta.putIfAbsent(SERVER_INFO, serverInfo);
            completed.put("_meta", meta);
            return completed;
        }
        return result;
    }

    @SuppressWarnings("unchecked") // Jackson reads a JSON object as a map with string keys
    private static Map<String, Object> argumentsOf(Map<?, ?> arguments) {
        return (Map<String, Object>) arguments;
    }

    private static Refusal invalidParams(Object id, String problem) {
        return new Refusal(400, "INVALID_PARAMS", JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: "
                + problem));
    }

    private static Refusal mismatch(Object id, String problem) {
        return new Refusal(400, "HEADER_MISMATCH", JsonRpc.error(id, HEADER_MISMATCH, "Header mismatch: " + problem));
    }

    private static String echoed(String value) {
        return MirroredHeaders.echoed(value);
    }
}
