package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.mcpgateway.json.ResultHints;
import io.mcpgateway.text.StrictUtf8;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a well-formed {@code tools/call} of a cacheable tool itself, without the SDK: with the stored JSON when an
 * identical call came before, else by running the tool (through the same {@link GuardedToolCall} the SDK would use)
 * and answering with the JSON the cache keeps. Everything else goes on to the SDK's servlet, with its writes sent in
 * bulk.
 *
 * <p>Hand-written because the SDK is the bottleneck here: in a JFR profile of bench/search-server.sh the SDK
 * re-serialising the same search result (escaping it again for the text item) and Jetty's character-by-character writer
 * took most of the CPU; and a call not yet cached was serialised twice, once for the cache and once by the SDK (perf of
 * part 2's random pages of 1M restaurants: Jackson ~75% of the CPU). A call is checked exactly as the SDK would check
 * the request first (its Host and Origin passed {@link HostAndOriginFilter}): same Accept rule; a request that fails
 * any check, or whose parameters are not a tool name and an arguments object, goes to the SDK, which gives the proper
 * error.
 *
 * <p>A call whose {@code _meta} says {@link ResultHints#STRUCTURED_ONLY} is answered without the text copy of the
 * structured content; only here, since the SDK adds that copy back to the results of tools with an output schema.
 */
final class CachedToolCallFilter implements Filter {

    /** Cached calls are small requests; bigger ones are not worth parsing twice. */
    private static final int MAX_FAST_PATH_BODY = 16 * 1024;

    private final Map<String, GuardedToolCall> cacheableCalls;
    private final JsonMapper mapper;
    /** The largest body answered here: a body over the server's limit goes on to the SDK, which answers 413. */
    private final int maxBody;

    /**
     * @param cacheableCalls the calls of the {@link ResultCaching#BY_ARGUMENTS} tools, by tool name
     * @param maxRequestBytes the server's limit on request bodies
     */
    CachedToolCallFilter(Map<String, GuardedToolCall> cacheableCalls, JsonMapper mapper, int maxRequestBytes) {
        this.cacheableCalls = Map.copyOf(cacheableCalls);
        this.mapper = mapper;
        this.maxBody = Math.min(MAX_FAST_PATH_BODY, maxRequestBytes);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        ServletRequest next = request;
        if (!cacheableCalls.isEmpty() && isCandidate(request)) {
            byte[] body = readSmallBody(request);
            if (body == null) {
                next = request; // over the fast-path size: the stream is untouched, the SDK reads it
            } else if (answerDirectly(body, response)) {
                return;
            } else {
                next = new BufferedBodyRequest(request, body);
            }
        }
        BulkWriterResponse bulk = new BulkWriterResponse(response);
        chain.doFilter(next, bulk);
        bulk.finish();
    }

    private boolean isCandidate(HttpServletRequest request) {
        return request.getContentLengthLong() <= maxBody && SdkReadsBody.test(request);
    }

    private byte[] readSmallBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() < 0) {
            return null; // chunked: leave it to the SDK, which bounds it
        }
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(maxBody + 1);
        }
    }

    private boolean answerDirectly(byte[] body, HttpServletResponse response) throws IOException {
        if (body.length > maxBody || !StrictUtf8.isJsonText(body)) {
            return false; // the SDK reads it; its reader replaces what is not UTF-8 instead of decoding it leniently
        }
        JsonNode message;
        try {
            message = mapper.readTree(body);
        } catch (JacksonException e) {
            return false;
        }
        JsonNode id = message.get("id");
        JsonNode params = message.path("params");
        String tool = params.path("name").asString("");
        // anything the SDK would refuse or read otherwise goes to it: an id beyond 64 bits, a _meta that is no object
        if (!"2.0".equals(message.path("jsonrpc").asString(""))
                || !"tools/call".equals(message.path("method").asString("")) || id == null
                || !(id.isString() || id.isIntegralNumber() && id.canConvertToLong())
                || params.has("_meta") && !params.get("_meta").isObject() || !cacheableCalls.containsKey(tool)) {
            return false;
        }
        JsonNode arguments = params.path("arguments");
        Map<String, Object> args = arguments.isObject()
                ? mapper.convertValue(arguments, new TypeReference<Map<String, Object>>() { }) : null;
        if (args == null && !arguments.isMissingNode() && !arguments.isNull()) {
            return false;
        }
        boolean structuredOnly = params.path("_meta").path(ResultHints.STRUCTURED_ONLY).booleanValue(false);
        byte[] result = cacheableCalls.get(tool).serializedResult(args, structuredOnly);
        byte[] head = ("{\"jsonrpc\":\"2.0\",\"id\":" + mapper.writeValueAsString(id) + ",\"result\":")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(head.length + result.length + 1);
        var out = response.getOutputStream();
        out.write(head);
        out.write(result);
        out.write('}');
        return true;
    }
}
