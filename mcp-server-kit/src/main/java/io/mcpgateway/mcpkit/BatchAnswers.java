package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC batches, which MCP 2025-03-26 says servers must take and the SDK's transport refuses: a batch from a client
 * on 2025-03-26, or sending no {@code MCP-Protocol-Version} (which the transport reads as 2025-03-26), is answered
 * message by message, each request going through the rest of the filters and the SDK as it would alone, and their
 * answers are sent as one JSON array (202 without a body when none has one: notifications and responses are taken
 * without an answer). A body that is not JSON gets the SDK's single parse error. {@code initialize} may not be
 * batched; a batch holds at most {@value #MAX_MESSAGES} messages, and an answer that would make the array larger than
 * {@value #MAX_ANSWER_BYTES} bytes is left out, it and the requests after it answered -32000 (those after not run). Each
 * error carries its request's id, so a client can tell which failed. A client on a later version gets the SDK's
 * refusal, as before.
 *
 * <p>Each request re-enters the rest of the filter chain: Jetty's ee10 chain holds no state between calls.
 */
final class BatchAnswers {

    static final String BATCHING_VERSION = "2025-03-26";
    static final int MAX_MESSAGES = 32;
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final JsonMapper mapper;
    /** The error object of a message refused as the whole body would be, or null. */
    private final Function<byte[], Map<String, Object>> refusal;

    BatchAnswers(JsonMapper mapper, Function<byte[], Map<String, Object>> refusal) {
        this.mapper = mapper;
        this.refusal = refusal;
    }

    /** Whether {@code body} may be a batch answered here: a JSON array from a client that may batch. */
    static boolean mayBe(HttpServletRequest request, byte[] body) {
        return versionBatches(request) && isArray(body);
    }

    /** Whether the request's protocol version has batches: 2025-03-26, or none named. */
    static boolean versionBatches(HttpServletRequest request) {
        String version = request.getHeader(ProtocolVersionFilter.HEADER);
        return version == null || version.equals(BATCHING_VERSION);
    }

    /** Whether the body's first byte past whitespace opens an array. */
    static boolean isArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '[';
            }
        }
        return false;
    }

    /** Answers the batch; false, having written nothing, when the body is not one JSON array (the SDK then says so). */
    boolean answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body)
            throws IOException, ServletException {
        List<int[]> messages = split(body);
        if (messages == null) {
            return false;
        }
        if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            SafeErrorResponse.writeBody(response, mapper, error(ErrorCodes.INVALID_REQUEST, messages.isEmpty()
                    ? "Invalid Request: an empty batch" : "Invalid Request: a batch holds at most " + MAX_MESSAGES
                            + " messages here"));
            return true;
        }
        List<byte[]> answers = new ArrayList<>();
        long bytes = 0;
        boolean full = false;
        for (int[] range : messages) {
            byte[] message = Arrays.copyOfRange(body, range[0], range[1]);
            JsonNode node = readable(message);
            byte[] answer = full && isRequest(node) ? notAnswered(node) : answerOne(request, chain, response, message,
                    node);
            if (answer != null && !full && bytes + answer.length > MAX_ANSWER_BYTES) {
                full = true;
                answer = notAnswered(node);
            }
            if (answer != null) {
                answers.add(answer);
                bytes += answer.length;
            }
        }
        write(response, answers);
        return true;
    }

    /**
     * Where each message of a JSON array lies in {@code body}, up to one more than a batch may hold; null when the body
     * is not one well-formed JSON array (it is read whole by the same parser the SDK uses).
     */
    private List<int[]> split(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<int[]> messages = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                messages.add(new int[] {start, (int) parser.currentLocation().getByteOffset()});
                if (messages.size() > MAX_MESSAGES) {
                    return messages; // refused for its count: the rest is not read
                }
            }
            return parser.nextToken() == null ? messages : null; // nothing may follow the array
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The message as a tree; null when even that fails (a limit of the parser's). */
    private JsonNode readable(byte[] message) {
        try {
            return mapper.readTree(message);
        } catch (JacksonException e) {
            return null;
        }
    }

    private byte[] answerOne(HttpServletRequest request, FilterChain chain, HttpServletResponse response,
            byte[] message, JsonNode node) throws IOException, ServletException {
        if (node == null) {
            return answer(null, error(ErrorCodes.PARSE_ERROR, "Parse error: the message could not be read"));
        }
        if (!node.isObject()) {
            return answer(null, error(ErrorCodes.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is an object"));
        }
        Map<String, Object> refused = refusal.apply(message);
        if (refused != null) {
            return answer(MessageIds.readable(node), refused);
        }
        if (!node.has("method") && (node.has("result") || node.has("error"))) {
            // a client's response: taken, nothing asks for it here; a malformed one is refused with the id null, as
            // its id names a request of the server's, not one of the client's
            String problem = ClientResponses.problem(mapper.convertValue(node, Map.class));
            return problem == null ? null : answer(null, error(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: not a JSON-RPC 2.0 response: " + problem));
        }
        if (node.path("method").asString("").equals("initialize") && node.has("id")) {
            return answer(MessageIds.readable(node), error(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: initialize must not be part of a JSON-RPC batch"));
        }
        CapturedResponse captured = new CapturedResponse(response);
        chain.doFilter(new BufferedBodyRequest(request, message), captured);
        byte[] answer = captured.body();
        if (answer.length == 0 || !node.has("id")) {
            return null; // a notification's: never answered, not even with an error
        }
        return captured.getStatus() >= 400 ? withId(answer, MessageIds.readable(node)) : answer;
    }

    private static boolean isRequest(JsonNode node) {
        return node != null && node.isObject() && node.has("id") && node.has("method");
    }

    /** An error answer of the filters or the SDK (which write id null) with its request's id put back. */
    private byte[] withId(byte[] answer, Object id) {
        if (id == null) {
            return answer;
        }
        try {
            JsonNode error = mapper.readTree(answer);
            if (error instanceof ObjectNode object && object.has("error")) {
                object.putPOJO("id", id);
                return mapper.writeValueAsBytes(object);
            }
        } catch (JacksonException e) {
            // not JSON: kept as it is
        }
        return answer;
    }

    /** The error of a request not run, or whose answer was left out, because the batch's answer is full. */
    private byte[] notAnswered(JsonNode node) {
        return answer(MessageIds.readable(node), error(-32000, "Not answered in this batch: its answer would pass "
                + MAX_ANSWER_BYTES + " bytes; send it again alone"));
    }

    /** Writes the answers as one array, straight from where they lie, with its length. */
    private static void write(HttpServletResponse response, List<byte[]> answers) throws IOException {
        if (answers.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        long length = answers.size() + 1; // the brackets and the commas
        for (byte[] answer : answers) {
            length += answer.length;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLengthLong(length);
        OutputStream out = response.getOutputStream();
        out.write('[');
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(answers.get(i));
        }
        out.write(']');
    }

    private byte[] answer(Object id, Map<String, Object> error) {
        return SafeErrorResponse.answer(mapper, id, error);
    }

    private static Map<String, Object> error(int code, String message) {
        return SafeErrorResponse.error(code, message);
    }
}
