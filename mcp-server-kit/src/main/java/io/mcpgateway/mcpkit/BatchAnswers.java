package io.mcpgateway.mcpkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.mcpgateway.json.JsonCursor;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-RPC batches, which MCP 2025-03-26 says servers must take and the SDK's transport refuses: a batch from a client
 * on 2025-03-26, or sending no {@code MCP-Protocol-Version} (which the transport reads as 2025-03-26), is answered
 * message by message, each going through the rest of the filters and the SDK as it would alone, and their answers are
 * sent as one JSON array (202 without a body when none has one). {@code initialize} may not be batched; a batch holds
 * at most {@value #MAX_MESSAGES} messages, and once its answer holds {@value #MAX_ANSWER_BYTES} bytes the requests after
 * are answered -32000 without being run. A client on a later version gets the SDK's refusal, as before.
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
        String version = request.getHeader(ProtocolVersionFilter.HEADER);
        if (version != null && !version.equals(BATCHING_VERSION)) {
            return false;
        }
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
        List<byte[]> messages = split(body);
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
        for (byte[] message : messages) {
            JsonNode node = mapper.readTree(message);
            byte[] answer = bytes >= MAX_ANSWER_BYTES ? notAnswered(node) : answerOne(request, chain, response,
                    message, node);
            if (answer != null) {
                answers.add(answer);
                bytes += answer.length;
            }
        }
        write(response, answers);
        return true;
    }

    /** The messages of a JSON array, each as its bytes in the body; null when the body is not one JSON array. */
    private static List<byte[]> split(byte[] body) {
        try {
            JsonCursor cursor = new JsonCursor(body);
            if (!cursor.beginArray()) {
                return null;
            }
            List<byte[]> messages = new ArrayList<>();
            while (cursor.nextElement()) {
                int start = cursor.position();
                cursor.skipValue();
                messages.add(Arrays.copyOfRange(body, start, cursor.position()));
            }
            cursor.expectEnd();
            return messages;
        } catch (JsonCursor.Malformed e) {
            return null;
        }
    }

    private byte[] answerOne(HttpServletRequest request, FilterChain chain, HttpServletResponse response,
            byte[] message, JsonNode node) throws IOException, ServletException {
        if (!node.isObject()) {
            return answer(null, error(ErrorCodes.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is an object"));
        }
        Map<String, Object> refused = refusal.apply(message);
        if (refused != null) {
            return answer(null, refused);
        }
        if (node.path("method").asString("").equals("initialize") && node.has("id")) {
            return answer(id(node), error(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: initialize must not be part of a JSON-RPC batch"));
        }
        CapturedResponse captured = new CapturedResponse(response);
        chain.doFilter(new BufferedBodyRequest(request, message), captured);
        byte[] answer = captured.body();
        return answer.length == 0 ? null : answer; // a notification's or a response's: taken, nothing to answer
    }

    /** The error of a request not run because the batch's answer is full; null for a notification. */
    private byte[] notAnswered(JsonNode node) {
        return node.isObject() && node.has("id") && node.has("method") ? answer(id(node), error(-32000,
                "Not answered in this batch: its answer holds " + MAX_ANSWER_BYTES + " bytes; send it again alone"))
                : null;
    }

    private void write(HttpServletResponse response, List<byte[]> answers) throws IOException {
        if (answers.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write('[');
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) {
                array.write(',');
            }
            array.write(answers.get(i));
        }
        array.write(']');
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(array.size());
        array.writeTo(response.getOutputStream());
    }

    /** A message's id when an answer can carry it back (a string or an integer), else null. */
    private static Object id(JsonNode node) {
        JsonNode id = node.get("id");
        return id != null && (id.isString() || id.isIntegralNumber()) ? id : null;
    }

    private byte[] answer(Object id, Map<String, Object> error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        return mapper.writeValueAsBytes(body);
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return error;
    }
}
