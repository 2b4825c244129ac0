package io.mcpgateway.gateway.backend;

import io.mcpgateway.json.JsonCursor;
import io.mcpgateway.json.RawJson;
import io.mcpgateway.json.RawJsonPieces;
import io.mcpgateway.json.ResultHints;
import tools.jackson.databind.util.RawValue;

/**
 * Reads the common answer to {@code tools/call} (a JSON-RPC result whose structured content is a success envelope)
 * without building a tree of it: one pass finds where the result and its {@code data} lie in the bytes and skips the
 * rest (notably the text copy of the result in {@code content}), so both can be passed on as they are. Parsing those
 * answers into trees and writing them out again was most of a gateway request's CPU, and skipping with Jackson's
 * streaming parser still more than half of it (JFR profiles of bench/gateway.sh); hence {@link JsonCursor}. Anything
 * else (errors, other shapes, a result of a {@code resultType} other than {@code complete}, JSON the cursor does not
 * read) is left to the tree reader.
 */
final class ToolCallScanner {

    /**
     * The parts, as slices of the answer: the whole result object and its successful {@code data}; and whether the
     * result may be reused ({@link ResultHints#NO_STORE} not set).
     */
    record Scanned(RawValue result, RawValue data, boolean reusable) {
    }

    /**
     * @param typeFrom where the result's {@code "resultType": "complete"} member begins (MCP 2026-07-28), else -1
     * @param typeTo where it ends
     */
    private record ResultParts(RawValue data, boolean reusable, int typeFrom, int typeTo) {
    }

    private ToolCallScanner() {
    }

    /** The parts of a successful enveloped answer to request {@code id}, or null for any other message. */
    static Scanned scan(byte[] message, long id) {
        try {
            JsonCursor json = new JsonCursor(message);
            if (!json.beginObject()) {
                return null;
            }
            String expectedId = Long.toString(id);
            boolean version = false;
            boolean idMatches = false;
            RawValue result = null;
            ResultParts parts = null;
            while (json.nextMember()) {
                if (json.nameIs("id")) {
                    idMatches = json.consumeScalar(expectedId);
                } else if (json.nameIs("jsonrpc")) {
                    version = json.consumeScalar("\"2.0\"");
                } else if (json.nameIs("result")) {
                    int start = json.position();
                    parts = scanResult(json, message);
                    if (parts == null) {
                        return null;
                    }
                    result = parts.typeFrom() < 0 ? RawJson.value(message, start, json.position())
                            // the revision's member left out, to be put back for its callers (ModernMcp)
                            : RawJsonPieces.withoutMember(message, start, json.position(), parts.typeFrom(),
                                    parts.typeTo());
                } else if (json.nameIs("error")) {
                    return null;
                } else {
                    json.skipValue();
                }
            }
            json.expectEnd();
            return version && idMatches && result != null ? new Scanned(result, parts.data(), parts.reusable())
                    : null;
        } catch (JsonCursor.Malformed e) {
            return null; // the tree reader reports what is wrong with it
        }
    }

    /** Reads the result object to its end; its successful structured {@code data} and hints, else null. */
    private static ResultParts scanResult(JsonCursor json, byte[] message) {
        if (!json.beginObject()) {
            return null;
        }
        RawValue data = null;
        boolean failed = false;
        boolean noStore = false;
        int typeFrom = -1;
        int typeTo = -1;
        while (json.nextMember()) {
            if (json.nameIs("resultType")) { // a backend of MCP 2026-07-28
                typeFrom = json.memberStart();
                if (!json.consumeScalar("\"complete\"")) {
                    return null; // a result of another kind is the tree reader's
                }
                typeTo = json.position();
            } else if (json.nameIs("isError")) {
                failed |= !json.consumeScalar("false");
            } else if (json.nameIs("structuredContent") && json.atObject()) {
                data = scanEnvelope(json, message);
            } else if (json.nameIs("_meta") && json.atObject()) {
                noStore = scanNoStore(json);
            } else if (json.nameIs("content") && json.atArray()) {
                skipContent(json);
            } else {
                json.skipValue();
            }
        }
        return failed || data == null ? null : new ResultParts(data, !noStore, typeFrom, typeTo);
    }

    /**
     * Skips the content items member by member rather than as one array: the text copy of the result is then skipped
     * as a string, which the SIMD skipper does in two thirds of the time it takes inside a container (20 against 29 µs
     * for the bench's 76 KB copy), since brackets and bytes outside strings need no checking there.
     */
    private static void skipContent(JsonCursor json) {
        json.beginArray();
        while (json.nextElement()) {
            if (json.beginObject()) {
                while (json.nextMember()) {
                    json.skipValue();
                }
            } else {
                json.skipValue();
            }
        }
    }

    /** Reads a {@code _meta} object to its end; whether it says {@link ResultHints#NO_STORE}. */
    private static boolean scanNoStore(JsonCursor json) {
        json.beginObject();
        boolean noStore = false;
        while (json.nextMember()) {
            if (json.nameIs(ResultHints.NO_STORE)) {
                noStore = json.consumeScalar("true");
            } else {
                json.skipValue();
            }
        }
        return noStore;
    }

    /** Reads a {@code {"success": true, "data": ...}} envelope to its end; its data, else null. */
    private static RawValue scanEnvelope(JsonCursor json, byte[] message) {
        json.beginObject();
        RawValue data = null;
        boolean success = false;
        while (json.nextMember()) {
            if (json.nameIs("success")) {
                success = json.consumeScalar("true");
            } else if (json.nameIs("data") && (json.atObject() || json.atArray())) {
                int start = json.position();
                json.skipValue();
                data = RawJson.value(message, start, json.position());
            } else {
                json.skipValue();
            }
        }
        return success ? data : null;
    }
}
