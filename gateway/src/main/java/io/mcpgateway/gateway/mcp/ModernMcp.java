package io.mcpgateway.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.json.RawJson;
import io.mcpgateway.json.RawJsonPieces;
import io.mcpgateway.mcpkit.MirroredHeaders;
import io.mcpgateway.mcpkit.ModernRequests;
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
    static final List<String> VERSIONS = ModernRequests.VERSIONS;
    /** Every version /mcp speaks, newest first: what an unsupported version's error lists. */
    static final List<String> ALL_VERSIONS = ModernRequests.spoken(McpMethods.PROTOCOL_VERSIONS);
    /** The methods of MCP 2026-07-28 that /mcp answers; another is 404 (transport, "Protocol Version Header"). */
    static final List<String> METHODS = List.of("server/discover", "tools/list", "tools/call");

    private static final String COMPLETE = "\"resultType\":\"complete\"";

    /** A request refused before it is answered: its HTTP status, the code for the access log, the JSON-RPC error. */
    record Refusal(int status, String code, Map<String, Object> answer) {

        static Refusal of(Object id, ModernRequests.Refusal refusal) {
            return new Refusal(refusal.status(), refusal.code(), JsonRpc.error(id, refusal.rpcCode(),
                    refusal.message(), refusal.data()));
        }
    }

    private ModernMcp() {
    }

    /**
     * Whether a body is to be served as MCP 2026-07-28: it is a request whose {@code _meta} names a protocol version,
     * or, but for {@code initialize}, its header names a modern version. An {@code initialize} chooses the earlier era
     * unless it carries the revision's {@code _meta} (the versioning page: "a request carrying modern per-request
     * _meta is served statelessly"; the revision has no {@code initialize}, so it is then 404 -32601): an earlier
     * client may send in the header the newest version it knows, but never that {@code _meta}.
     */
    static boolean isModern(String headerVersion, Object body) {
        boolean modernMeta = body instanceof Map<?, ?> message && message.get("params") instanceof Map<?, ?> params
                && params.get("_meta") instanceof Map<?, ?> meta && meta.containsKey(ModernRequests.PROTOCOL_VERSION);
        if (body instanceof Map<?, ?> message && "initialize".equals(message.get("method"))) {
            return modernMeta;
        }
        return modernMeta || headerVersion != null && VERSIONS.contains(headerVersion);
    }

    /**
     * The refusal of a modern request whose {@code _meta} or mirrored headers are wrong ({@link ModernRequests#check});
     * null when it is to be answered.
     *
     * @param catalog where the tool a {@code tools/call} names is found, for the arguments its schema mirrors
     */
    static Refusal check(McpMessage request, MirroredHeaders.Lines headers, ToolCatalog catalog) {
        ModernRequests.Refusal refusal = ModernRequests.check(request.method(), request.params(), headers,
                ALL_VERSIONS, McpMethods.PROTOCOL_VERSIONS,
                name -> catalog.find(name).map(tool -> tool.tool().inputSchema()).orElse(null));
        return refusal == null ? null : Refusal.of(request.id(), refusal);
    }

    /** The refusal of a version /mcp does not speak, listing those it does (both eras'). */
    static Refusal unsupportedVersion(Object id, String requested) {
        return Refusal.of(id, ModernRequests.unsupportedVersion(requested, ALL_VERSIONS, McpMethods.PROTOCOL_VERSIONS));
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
            meta.putIfAbsent(ModernRequests.SERVER_INFO, serverInfo);
            completed.put("_meta", meta);
            return completed;
        }
        return result;
    }
}
