package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.BadMessageException;

import io.mcpgateway.json.JsonCursor;
import io.mcpgateway.json.UnwritableValues;
import io.mcpgateway.text.StrictUtf8;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses the bodies the SDK would read changed: bytes that are not UTF-8 (its reader replaces them with U+FFFD, so a
 * name arrives altered) and an object naming a member twice (it reads the last) as parse errors; an id holding half of
 * a surrogate pair (written back as "?", so the answer names another request), and a message of another JSON-RPC
 * version than 2.0 (read as 2.0), as invalid requests, as the gateway refuses them; and JSON that is not an object or a batch (null made the SDK fail). The
 * body is read once here and handed on, as UTF-8 whatever its label ({@link Utf8JsonRequest}); one announced or
 * found over the size limit is left to the SDK's 413. A JSON-RPC batch, which the SDK refuses, is answered message by
 * message ({@link BatchAnswers}).
 */
final class StrictBodyFilter implements Filter {

    private static final Refusal NOT_JSON_TEXT = new Refusal(ErrorCodes.PARSE_ERROR,
            "Parse error: the body is not UTF-8 JSON text");

    private final JsonMapper mapper;
    private final ObjectReader strictReader;
    private final int maxRequestBytes;
    private final BatchAnswers batches;

    StrictBodyFilter(JsonMapper mapper, int maxRequestBytes) {
        this.mapper = mapper;
        this.strictReader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxRequestBytes = maxRequestBytes;
        this.batches = new BatchAnswers(mapper, message -> {
            Refusal refusal = refusal(message);
            return refusal == null ? null : refusal.error();
        });
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = new Utf8JsonRequest((HttpServletRequest) req);
        if (!SdkReadsBody.test(request) || SafeErrorFilter.coded(request)
                || request.getContentLengthLong() > maxRequestBytes) {
            chain.doFilter(request, res); // refused further on for its headers or its size, the body unread
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            long announced = request.getContentLengthLong();
            // in one array of the announced size (the usual case), else up to one byte past the limit
            body = in.readNBytes(announced >= 0 ? (int) announced : maxRequestBytes + 1);
        } catch (IOException | BadMessageException e) {
            if (timedOut(e)) { // stalled, or trickled in under the connector's minimum data rate
                refuse((HttpServletResponse) res, HttpServletResponse.SC_REQUEST_TIMEOUT, new Refusal(
                        ErrorCodes.INVALID_REQUEST, "Request timeout: the body did not arrive in time (at least "
                        + McpServerHost.MIN_BODY_BYTES_PER_SECOND + " bytes a second)"));
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, new byte[0]), res); // cut short: the SDK's 400
            return;
        }
        body = withoutByteOrderMark(body);
        if (body.length <= maxRequestBytes) {
            boolean jsonText = StrictUtf8.isJsonText(body); // the body is scanned once for it
            if (jsonText && namesAMemberTwice(body)) { // in a batch too
                refuse((HttpServletResponse) res, new Refusal(ErrorCodes.PARSE_ERROR,
                        "Parse error: an object of the body names a member twice"));
                return;
            }
            if (jsonText && BatchAnswers.mayBe(request, body)
                    && batches.answer(request, (HttpServletResponse) res, chain, body)) {
                return;
            }
            Refusal refusal = !BatchAnswers.versionBatches(request) && BatchAnswers.isArray(body)
                    ? new Refusal(ErrorCodes.INVALID_REQUEST, "Invalid Request: JSON-RPC batches are taken from"
                            + " clients of MCP " + BatchAnswers.BATCHING_VERSION + " (that MCP-Protocol-Version, or"
                            + " none); later versions have none: send each message alone")
                    : jsonText ? textRefusal(body) : NOT_JSON_TEXT;
            if (refusal != null) {
                // a message refused for its version or method still names its request, when it has a readable id
                refuse((HttpServletResponse) res, HttpServletResponse.SC_BAD_REQUEST, refusal,
                        jsonText && !BatchAnswers.isArray(body) ? MessageIds.readable(mapper, body) : null);
                return;
            }
            if (jsonText && tookResponse(body, (HttpServletResponse) res)) {
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(request, body), res); // over the limit: too large whatever the rest
    }

    /**
     * The body without a UTF-8 byte order mark at its start, which RFC 8259 §8.1 lets a parser ignore (the gateway's
     * Jackson does); the SDK's reader took it for a character before the message and refused it as -32600.
     */
    static byte[] withoutByteOrderMark(byte[] body) {
        return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF
                ? Arrays.copyOfRange(body, 3, body.length) : body;
    }

    /**
     * Answers a client's JSON-RPC response posted alone as one in a batch is taken ({@link ClientResponses}): 202 when
     * well-formed (the SDK refused every one with 400), -32600 when not; false for any other message. Requests name
     * their method at the top, usually first: only a body without that member is parsed.
     */
    private boolean tookResponse(byte[] body, HttpServletResponse response) throws IOException {
        if (MethodMember.find(body) != null) {
            return false;
        }
        JsonNode message;
        try {
            message = mapper.readTree(body);
        } catch (JacksonException e) {
            return false;
        }
        Map<?, ?> fields = message.isObject() ? mapper.convertValue(message, Map.class) : Map.of();
        if (!ClientResponses.isMeantAsOne(fields)) {
            return false;
        }
        String problem = ClientResponses.problem(fields);
        if (problem != null) {
            refuse(response, new Refusal(ErrorCodes.INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 response: "
                    + problem));
        } else {
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
        }
        return true;
    }

    /** The JSON-RPC error a refused body gets. */
    private record Refusal(int code, String message) {

        Map<String, Object> error() {
            return SafeErrorResponse.error(code, message);
        }
    }

    /**
     * Whether an object of the body names a member twice: the SDK's reader and ours take the last one, another
     * party's parser may take the first, so which was meant is not known (the gateway refuses these too). Tokens only,
     * no tree: the bodies are small, and JSON that does not parse is the SDK's to answer.
     */
    private boolean namesAMemberTwice(byte[] body) {
        return !readsWhole(strictReader, body) && readsWhole(mapper.reader(), body);
    }

    /** Whether {@code reader} reads every token of {@code body} without a complaint. */
    private static boolean readsWhole(ObjectReader reader, byte[] body) {
        try (JsonParser parser = reader.createParser(body)) {
            while (parser.nextToken() != null) {
                // each token is read for what the reader checks
            }
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Why the body (a batch's member: {@link BatchAnswers}) is refused, or null. */
    private Refusal refusal(byte[] body) {
        return StrictUtf8.isJsonText(body) ? textRefusal(body) : NOT_JSON_TEXT;
    }

    /** Why {@code body}, UTF-8 JSON text, is refused, or null. */
    private Refusal textRefusal(byte[] body) {
        boolean surrogate = hasSurrogateEscape(body);
        if (!surrogate && declaresVersion2(body)) {
            return null; // the usual case: no string can hold half of a pair, and the version is 2.0
        }
        JsonNode message;
        try {
            message = mapper.readTree(body);
        } catch (JacksonException e) {
            return null; // not JSON: the SDK says so
        }
        if (message.isValueNode()) {
            // the SDK's reader fails with a server error on null
            return new Refusal(ErrorCodes.INVALID_REQUEST, "Invalid message format: a JSON-RPC message is an object");
        }
        JsonNode version = message.path("jsonrpc");
        if (message.isObject() && !(version.isString() && version.stringValue().equals("2.0"))) {
            // the SDK reads any version (or none) as 2.0
            return new Refusal(ErrorCodes.INVALID_REQUEST, "Invalid message format: jsonrpc must be \"2.0\"");
        }
        if (message.isObject() && message.has("method") && !message.get("method").isString()) {
            // the SDK reads a number as its digits: "Method not found: 5"
            return new Refusal(ErrorCodes.INVALID_REQUEST, "Invalid Request: method must be a string");
        }
        JsonNode id = message.path("id");
        return surrogate && id.isString() && UnwritableValues.in(id.stringValue())
                ? new Refusal(ErrorCodes.INVALID_REQUEST, "Invalid Request: the id holds half of a UTF-16 surrogate"
                        + " pair, which no answer can carry back")
                : null;
    }

    /**
     * Whether the message's own {@code jsonrpc} member is exactly {@code "2.0"} and its {@code method}, if it has one,
     * a string, read with {@link JsonCursor} (no tree: other members are skipped, usually few, and the reading stops
     * once both are found). False also for what only a parse can tell (not an object, malformed, an escaped name or
     * value), which the caller then parses.
     */
    private static boolean declaresVersion2(byte[] body) {
        try {
            JsonCursor message = new JsonCursor(body);
            if (!message.beginObject()) {
                return false;
            }
            boolean version = false;
            boolean method = false;
            while (!(version && method) && message.nextMember()) {
                if (message.nameIs("jsonrpc")) {
                    if (version || !message.consumeScalar("\"2.0\"")) {
                        return false;
                    }
                    version = true;
                } else if (message.nameIs("method")) {
                    if (method || !message.atString()) {
                        return false;
                    }
                    method = true;
                    message.skipValue();
                } else {
                    message.skipValue();
                }
            }
            return version;
        } catch (JsonCursor.Malformed e) {
            return false;
        }
    }

    /** Whether the text has an escape from {@code \\uD800} to {@code \\uDFFF}. */
    private static boolean hasSurrogateEscape(byte[] body) {
        for (int i = 0; i + 3 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && (body[i + 2] | 0x20) == 'd'
                    && "89abcdefABCDEF".indexOf(body[i + 3]) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Jetty's refusal of a body under the minimum data rate (408), or a read that waited past the idle timeout. */
    private static boolean timedOut(Exception e) {
        if (e instanceof BadMessageException refused) {
            return refused.getCode() == HttpServletResponse.SC_REQUEST_TIMEOUT;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, refusal);
    }

    private void refuse(HttpServletResponse response, int status, Refusal refusal) throws IOException {
        refuse(response, status, refusal, null);
    }

    private void refuse(HttpServletResponse response, int status, Refusal refusal, Object id) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        SafeErrorResponse.writeBody(response, mapper, id, refusal.error());
    }
}
