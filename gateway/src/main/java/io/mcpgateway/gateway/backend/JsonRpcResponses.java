package io.mcpgateway.gateway.backend;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mcpgateway.gateway.backend.http1.FinalEvent;
import io.mcpgateway.gateway.backend.http1.ServerSentEvents;
import io.mcpgateway.json.Json;
import io.mcpgateway.json.JsonCursor;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON-RPC response out of a Streamable HTTP answer: a JSON body, or a server-sent event stream whose
 * {@code data:} lines carry it (servers may answer either way, MCP 2025-06-18 §Transports). A stream may carry
 * notifications before the response; their methods are handed to the caller.
 */
final class JsonRpcResponses {

    /** How much of an answer that cannot be read is shown in the log. */
    private static final int SHOWN_BYTES = 80;

    private JsonRpcResponses() {
    }

    static JsonNode parse(String contentType, byte[] body, long id, JsonMapper mapper, String backend,
            Consumer<String> notifications) throws BackendFailure {
        return parse(contentType, body, message -> answers(message, id), mapper, backend, notifications);
    }

    /** As {@link #parse(String, byte[], long, JsonMapper, String, Consumer)}, for the string id of a request. */
    static JsonNode parse(String contentType, byte[] body, String id, JsonMapper mapper, String backend)
            throws BackendFailure {
        return parse(contentType, body, message -> message.path("id").isString()
                && message.path("id").asString().equals(id), mapper, backend, method -> { });
    }

    private static JsonNode parse(String contentType, byte[] body, Predicate<JsonNode> answers, JsonMapper mapper,
            String backend, Consumer<String> notifications) throws BackendFailure {
        try {
            if (contentType.startsWith("text/event-stream")) {
                return fromEventStream(contentType, body, answers, mapper, backend, notifications);
            }
            JsonNode message = Json.exactNumbers(mapper).readTree(body);
            if (!isResponse(message)) {
                throw notAResponse(backend, contentType, body);
            }
            if (!answers.test(message) && !(message.path("id").isNull() && message.has("error"))) {
                // a null id is a server's error about a request it could not read; another id, another request's
                // answer (a confused server or proxy), which must not reach this caller
                throw BackendFailure.withLogDetail(BackendFailure.Kind.PROTOCOL, backend, "backend '" + backend
                        + "' answered another request", "(id " + Echoed.oneLine(message.path("id").toString(), 40)
                        + ")");
            }
            return message;
        } catch (JacksonException e) {
            throw notAResponse(backend, contentType, body);
        }
    }

    /**
     * The response among the stream's events; the notifications before it are handed on. The body may stop right
     * after the response's event (the stream was left open, {@link #responseTo}) or go on to the stream's end.
     */
    private static JsonNode fromEventStream(String contentType, byte[] body, Predicate<JsonNode> answers,
            JsonMapper mapper, String backend, Consumer<String> notifications) throws BackendFailure {
        JsonNode[] response = new JsonNode[1];
        ServerSentEvents events = new ServerSentEvents(data -> {
            // decoded as before the events were split in bytes: a malformed UTF-8 sequence is U+FFFD, not refused
            JsonNode message = Json.exactNumbers(mapper).readTree(new String(data, StandardCharsets.UTF_8));
            if (answers.test(message) && (message.has("result") || message.has("error"))) {
                response[0] = message;
                return true;
            }
            if (message.has("method") && !message.has("id")) {
                notifications.accept(message.path("method").asString(""));
            }
            return false;
        });
        if (events.scan(body, body.length) < 0 && !events.end(body, body.length)
                || response[0] != null && !isResponse(response[0])) {
            throw notAResponse(backend, contentType, body);
        }
        return response[0];
    }

    /**
     * The event that carries the response to request {@code id} (a result or an error), told from the data's bytes
     * without building a tree of it. Data the cursor does not read (escaped member names, say) is not taken for the
     * response: the stream is then read on to its end, and {@link #parse} still finds the response in it.
     */
    static FinalEvent responseTo(long id) {
        // the id's text made only when an event comes: every tools/call makes this, most are answered with JSON
        return data -> isResponse(data, Long.toString(id));
    }

    /** As {@link #responseTo(long)}, for a request whose id is the string {@code id} (no quote or backslash in it). */
    static FinalEvent responseTo(String id) {
        String idJson = '"' + id + '"';
        return data -> isResponse(data, idJson);
    }

    /** Whether {@code data} is a JSON-RPC response (a result or an error) whose id is {@code idJson}. */
    private static boolean isResponse(byte[] data, String idJson) {
        try {
            JsonCursor json = new JsonCursor(data);
            if (!json.beginObject()) {
                return false;
            }
            boolean idMatches = false;
            boolean outcome = false;
            while (json.nextMember()) {
                if (json.nameIs("id")) {
                    idMatches = json.consumeScalar(idJson);
                } else {
                    outcome |= json.nameIs("result") || json.nameIs("error");
                    json.skipValue();
                }
            }
            return idMatches && outcome;
        } catch (JsonCursor.Malformed e) {
            return false;
        }
    }

    /** Whether {@code message} is a JSON-RPC 2.0 response: of that version, with a result or an error, not both. */
    private static boolean isResponse(JsonNode message) {
        return message.isObject() && "2.0".equals(message.path("jsonrpc").asString(null))
                && message.has("result") != message.has("error");
    }

    /** Whether the message carries the request's id, the number the gateway sent. */
    private static boolean answers(JsonNode message, long id) {
        JsonNode answered = message.path("id");
        return answered.isIntegralNumber() && answered.canConvertToLong() && answered.longValue() == id;
    }

    /**
     * The failure of an answer that is no JSON-RPC response. What came instead (its media type, size and first
     * characters: an HTML error page of a proxy, say) is for the log alone, on one line: the message also reaches the
     * public {@code /health} as a tool listing's failure, and a page may name internal hosts.
     */
    private static BackendFailure notAResponse(String backend, String contentType, byte[] body) {
        String start = new String(body, 0, Math.min(body.length, SHOWN_BYTES), StandardCharsets.UTF_8);
        return BackendFailure.withLogDetail(BackendFailure.Kind.PROTOCOL, backend, "backend '" + backend
                + "' answered with something that is not a JSON-RPC response", "(" + (contentType.isEmpty()
                ? "no Content-Type" : "Content-Type " + Echoed.oneLine(contentType, 100)) + ", " + body.length
                + " bytes" + (body.length == 0 ? "" : ", beginning '" + Echoed.oneLine(start, SHOWN_BYTES)
                + (body.length > SHOWN_BYTES ? "..." : "") + "'") + ")");
    }
}
