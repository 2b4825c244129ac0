package io.mcpgateway.gateway.backend;

import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the common answer to {@code tools/call} (a JSON-RPC result whose structured content is a success envelope)
 * without building a tree of it: one streaming pass finds where the result and its {@code data} lie in the bytes and
 * skips the rest (notably the text copy of the result in {@code content}), so both can be passed on as they are.
 * Parsing those answers into trees and writing them out again was most of a gateway request's CPU (JFR profile of
 * bench/gateway.sh). Anything else (errors, other shapes) is left to the tree reader.
 */
final class ToolCallScanner {

    /** Where the parts lie: the whole result object and its successful {@code data}. */
    record Scanned(byte[] result, byte[] data) {
    }

    private ToolCallScanner() {
    }

    /** The parts of a successful enveloped answer to request {@code id}, or null for any other message. */
    static Scanned scan(byte[] message, long id, JsonMapper mapper) {
        try (JsonParser p = mapper.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean idMatches = false;
            Range result = null;
            Range data = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> idMatches = value == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == id;
                    case "result" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        long start = p.currentTokenLocation().getByteOffset();
                        data = scanResult(p);
                        if (data == null) {
                            return null;
                        }
                        result = new Range(start, p.currentTokenLocation().getByteOffset() + 1);
                    }
                    case "error" -> {
                        return null;
                    }
                    default -> p.skipChildren();
                }
            }
            return idMatches && result != null ? new Scanned(result.of(message), data.of(message)) : null;
        } catch (JacksonException e) {
            return null; // the tree reader reports what is wrong with it
        }
    }

    /** Walks the result object to its end; the range of a successful structured {@code data}, else null. */
    private static Range scanResult(JsonParser p) {
        Range data = null;
        boolean failed = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("isError")) {
                failed |= value != JsonToken.VALUE_FALSE;
            } else if (name.equals("structuredContent") && value == JsonToken.START_OBJECT) {
                data = scanEnvelope(p);
            } else {
                p.skipChildren();
            }
        }
        return failed ? null : data;
    }

    /** Walks a {@code {"success": true, "data": ...}} envelope to its end; the range of its data, else null. */
    private static Range scanEnvelope(JsonParser p) {
        Range data = null;
        boolean success = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("success")) {
                success = value == JsonToken.VALUE_TRUE;
            } else if (name.equals("data") && (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)) {
                long start = p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                data = new Range(start, p.currentTokenLocation().getByteOffset() + 1);
            } else {
                p.skipChildren();
            }
        }
        return success ? data : null;
    }

    private record Range(long start, long end) {
        byte[] of(byte[] bytes) {
            return Arrays.copyOfRange(bytes, (int) start, (int) end);
        }
    }
}
