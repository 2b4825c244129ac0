package io.mcpgateway.gateway.backend;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON-RPC response out of a Streamable HTTP answer: a JSON body, or a server-sent event stream whose
 * {@code data:} lines carry it (servers may answer either way, MCP 2025-06-18 §Transports). A stream may carry
 * notifications before the response; their methods are handed to the caller.
 */
final class JsonRpcResponses {

    private JsonRpcResponses() {
    }

    static JsonNode parse(String contentType, byte[] body, long id, JsonMapper mapper, String backend,
            Consumer<String> notifications) throws BackendFailure {
        try {
            if (contentType.startsWith("text/event-stream")) {
                return fromEventStream(new String(body, StandardCharsets.UTF_8), id, mapper, backend, notifications);
            }
            JsonNode message = mapper.readTree(body);
            if (!message.isObject()) {
                throw notAResponse(backend);
            }
            return message;
        } catch (JacksonException e) {
            throw notAResponse(backend);
        }
    }

    private static JsonNode fromEventStream(String stream, long id, JsonMapper mapper, String backend,
            Consumer<String> notifications) throws BackendFailure {
        StringBuilder data = new StringBuilder();
        for (String line : (stream + "\n\n").split("\r?\n", -1)) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip()).append('\n');
            } else if (line.isEmpty() && !data.isEmpty()) {
                JsonNode message = mapper.readTree(data.toString());
                if (message.path("id").asLong(-1) == id && (message.has("result") || message.has("error"))) {
                    return message;
                }
                if (message.has("method") && !message.has("id")) {
                    notifications.accept(message.path("method").asString(""));
                }
                data.setLength(0);
            }
        }
        throw notAResponse(backend);
    }

    private static BackendFailure notAResponse(String backend) {
        return new BackendFailure(BackendFailure.Kind.PROTOCOL, backend,
                "backend '" + backend + "' answered with something that is not a JSON-RPC response");
    }
}
