package io.mcpgateway.app.diagnostics.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an answer with a success status is one: its body must be one JSON value (the original's load test counted a
 * body that is not JSON as an error, REFERENCE-SPEC 6), and not a failure that comes with 200: a JSON-RPC error, a
 * tool result with {@code isError} (an MCP call), an envelope with {@code "success": false}. The body is read to its
 * end as a stream, keeping nothing: answers of any size, many at once.
 */
final class SuccessBody {

    private SuccessBody() {
    }

    /**
     * What makes the answer of {@code status} a failure, such as "with a body that is not JSON"; empty for a success.
     * An empty body is one for 202 (a notification taken), 204 and 205 only. Reads the body to its end.
     */
    static Optional<String> failureIn(int status, InputStream body, JsonMapper mapper) throws IOException {
        try (body) {
            Optional<String> failure;
            try (JsonParser json = mapper.reader().without(StreamReadFeature.AUTO_CLOSE_SOURCE).createParser(body)) {
                failure = failureIn(status, json);
            } catch (JacksonException e) {
                failure = Optional.of(NOT_JSON);
            }
            body.transferTo(OutputStream.nullOutputStream()); // what is left: a client reads an answer whole
            return failure;
        }
    }

    private static Optional<String> failureIn(int status, JsonParser json) {
        JsonToken first = json.nextToken();
        if (first == null) {
            return status == 202 || status == 204 || status == 205 ? Optional.empty()
                    : Optional.of("with an empty body");
        }
        String failure = first == JsonToken.START_OBJECT ? failureInObject(json) : skipValue(json);
        return json.nextToken() != null ? Optional.of(NOT_JSON) : Optional.ofNullable(failure);
    }

    private static final String NOT_JSON = "with a body that is not JSON";

    /** Reads the top-level object to its end; the failure its members show, or null. */
    private static String failureInObject(JsonParser json) {
        String failure = null;
        while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if ("success".equals(name) && value == JsonToken.VALUE_FALSE) {
                failure = "with success false";
            } else if ("error".equals(name) && value == JsonToken.START_OBJECT) {
                String code = member(json, "code", JsonToken.VALUE_NUMBER_INT);
                if (code != null) {
                    failure = "JSON-RPC error " + code;
                } else if (failure == null) {
                    failure = "with an error";
                }
            } else if ("result".equals(name) && value == JsonToken.START_OBJECT) {
                if (member(json, "isError", JsonToken.VALUE_TRUE) != null) {
                    failure = "tool error (isError)";
                }
            } else {
                json.skipChildren();
            }
        }
        return failure;
    }

    /** Reads an object to its end; the text of its member {@code name} when that is a {@code kind}, else null. */
    private static String member(JsonParser json, String name, JsonToken kind) {
        String found = null;
        while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            boolean wanted = name.equals(json.currentName());
            if (json.nextToken() == kind && wanted) {
                found = json.getText();
            }
            json.skipChildren();
        }
        return found;
    }

    private static String skipValue(JsonParser json) {
        json.skipChildren();
        return null;
    }
}
