package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.json.JsonCursor;
import io.mcpgateway.json.RawJson;
import io.mcpgateway.json.RawJsonPieces;
import io.mcpgateway.text.StrictUtf8;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves requests of MCP 2026-07-28 beside those of the earlier revisions, which the SDK the server is built on
 * predates. A POST whose {@code MCP-Protocol-Version} header names that revision is checked as it requires
 * ({@link ModernRequests}); {@code server/discover} is answered here, a method the revision has not here is 404, and
 * {@code tools/list} and {@code tools/call} go on to the SDK as stateless requests of the newest earlier version,
 * whose answer gets the revision's {@code resultType} (and, for a tool list, its caching hints) put first in its
 * result. Requests of the earlier revisions pass untouched.
 */
final class ModernEraFilter implements Filter {

    private static final List<String> METHODS = List.of("server/discover", "tools/list", "tools/call");
    /** How long a client may keep the tool list or the discovery: a server's tools change only with the server. */
    private static final long FRESH_FOR_MS = 3_600_000;

    private final ServerIdentity identity;
    private final String earlierVersion;
    private final List<String> earlier;
    private final List<String> supported;
    private final Map<String, Map<String, Object>> inputSchemas;
    private final JsonMapper mapper;
    private final ObjectReader strictReader;
    private final int maxRequestBytes;

    /**
     * @param earlier the versions the SDK speaks
     * @param inputSchemas each tool's input schema by its name, for the arguments it mirrors into headers
     */
    ModernEraFilter(ServerIdentity identity, List<String> earlier, Map<String, Map<String, Object>> inputSchemas,
            JsonMapper mapper, int maxRequestBytes) {
        this.identity = identity;
        this.earlier = List.copyOf(earlier);
        this.supported = ModernRequests.spoken(earlier);
        this.earlierVersion = supported.get(ModernRequests.VERSIONS.size()); // the newest of the earlier era
        this.inputSchemas = Map.copyOf(inputSchemas);
        this.mapper = mapper;
        this.strictReader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        List<String> versions = Collections.list(request.getHeaders(ModernRequests.VERSION_HEADER));
        if (!"POST".equals(request.getMethod()) || versions.size() != 1
                || !ModernRequests.VERSIONS.contains(versions.get(0))) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        }
        if (body.length > maxRequestBytes) {
            answer(response, 413, null, SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: the body passes " + maxRequestBytes + " bytes"));
            return;
        }
        JsonNode message;
        byte[] text = StrictBodyFilter.withoutByteOrderMark(body);
        if (!StrictUtf8.isJsonText(text)) {
            answer(response, 400, null, SafeErrorResponse.error(ErrorCodes.PARSE_ERROR,
                    "Parse error: the body is not UTF-8 JSON text"));
            return;
        }
        try {
            // strictly, as StrictBodyFilter reads what goes on to the SDK: a member named twice is no message
            message = strictReader.readTree(text);
        } catch (JacksonException e) {
            answer(response, 400, null, SafeErrorResponse.error(ErrorCodes.PARSE_ERROR, "Parse error"));
            return;
        }
        if (!message.isObject()) {
            answer(response, 400, null, SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST, "Invalid Request: a"
                    + " message of MCP " + versions.get(0) + " is one JSON-RPC object, not a batch"));
            return;
        }
        boolean answerless = message.has("method") ? !message.has("id") // a notification
                : message.has("result") || message.has("error"); // a client's response, though none was asked for
        if ("2.0".equals(message.path("jsonrpc").asString("")) && answerless) {
            response.setStatus(202);
            return;
        }
        Object id = MessageIds.readable(message);
        String method = message.path("method").asString("");
        if (id == null || !message.path("method").isString() || !"2.0".equals(message.path("jsonrpc").asString(""))) {
            answer(response, 400, id, SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST, "Invalid Request: a"
                    + " JSON-RPC 2.0 request has jsonrpc \"2.0\", a string or integer id and a string method"));
            return;
        }
        ModernRequests.Refusal refusal = ModernRequests.check(method, mapper.convertValue(message.get("params"),
                Object.class), MirroredHeaders.Lines.of(request), supported, earlier, inputSchemas::get);
        if (refusal != null) {
            Map<String, Object> error = SafeErrorResponse.error(refusal.rpcCode(), refusal.message());
            if (refusal.data() != null) {
                error.put("data", refusal.data());
            }
            answer(response, refusal.status(), id, error);
        } else if ("server/discover".equals(method)) {
            if (!acceptsBoth(request)) { // what the SDK requires of the other methods' requests
                answer(response, 400, id, SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST, "Invalid Request:"
                        + " both application/json and text/event-stream are required in the Accept header"));
                return;
            }
            writeJson(response, 200, mapper.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", id, "result",
                    discovery())));
        } else if (!METHODS.contains(method)) {
            answer(response, 404, id, SafeErrorResponse.error(ErrorCodes.METHOD_NOT_FOUND, "Method not found: "
                    + MirroredHeaders.echoed(method) + ". This server answers " + String.join(", ", METHODS)
                    + " in MCP " + versions.get(0)));
        } else {
            CapturedResponse captured = new CapturedResponse(response);
            chain.doFilter(new EarlierVersionRequest(new BufferedBodyRequest(request, body), earlierVersion),
                    captured);
            byte[] answer = captured.body();
            writeJson(response, captured.getStatus(), captured.getStatus() == 200
                    ? completed(answer, "tools/list".equals(method)) : answer);
        }
    }

    private static boolean acceptsBoth(HttpServletRequest request) {
        String accept = String.join(",", Collections.list(request.getHeaders("Accept")));
        return SdkReadsBody.acceptsJsonAndEventStreams(accept);
    }

    private Map<String, Object> discovery() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resultType", "complete");
        result.put("supportedVersions", supported);
        result.put("capabilities", Map.of("tools", Map.of()));
        result.put("instructions", identity.instructions());
        result.put("ttlMs", FRESH_FOR_MS);
        result.put("cacheScope", "public");
        result.put("_meta", Map.of(ModernRequests.SERVER_INFO, Map.of("name", identity.name(),
                "version", identity.version())));
        return result;
    }

    /**
     * The SDK's answer with {@code resultType} (and a tool list's caching hints) put first in its result; as it is
     * when it holds no result object (an error).
     */
    private static byte[] completed(byte[] answer, boolean cacheable) {
        int open = resultStart(answer);
        if (open < 0) {
            return answer;
        }
        String members = "\"resultType\":\"complete\"" + (cacheable ? ",\"ttlMs\":" + FRESH_FOR_MS
                + ",\"cacheScope\":\"public\"" : "");
        List<RawJson> pieces = new ArrayList<>(List.of(RawJson.wrap(answer, 0, open)));
        pieces.addAll(RawJsonPieces.of(RawJsonPieces.withFirstMember(List.of(RawJson.wrap(answer, open,
                answer.length)), members)));
        return ((SerializableString) RawJsonPieces.value(pieces).rawValue()).asUnquotedUTF8();
    }

    /** Where the result object's opening brace lies in a JSON-RPC answer; -1 when it has none. */
    private static int resultStart(byte[] answer) {
        try {
            JsonCursor json = new JsonCursor(answer);
            if (!json.beginObject()) {
                return -1;
            }
            while (json.nextMember()) {
                if (json.nameIs("result")) {
                    return json.atObject() ? json.position() : -1;
                }
                json.skipValue();
            }
        } catch (JsonCursor.Malformed e) {
            // not one JSON object: passed on as it is
        }
        return -1;
    }

    private void answer(HttpServletResponse response, int status, Object id, Map<String, Object> error)
            throws IOException {
        writeJson(response, status, SafeErrorResponse.answer(mapper, id, error));
    }

    private static void writeJson(HttpServletResponse response, int status, byte[] json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The request with the version of the earlier era the SDK speaks in place of the one it named. */
    private static final class EarlierVersionRequest extends HttpServletRequestWrapper {

        private final String version;

        EarlierVersionRequest(HttpServletRequest request, String version) {
            super(request);
            this.version = version;
        }

        @Override
        public String getHeader(String name) {
            return ModernRequests.VERSION_HEADER.equalsIgnoreCase(name) ? version : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return ModernRequests.VERSION_HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(version))
                    : super.getHeaders(name);
        }
    }
}
