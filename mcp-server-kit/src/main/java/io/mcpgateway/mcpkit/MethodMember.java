package io.mcpgateway.mcpkit;

import io.mcpgateway.json.JsonCursor;

/**
 * Finds a JSON-RPC message's own {@code method} member in its bytes, without a tree ({@link JsonCursor}: the members
 * before it are skipped, usually one or two). A member named with escapes, or JSON the cursor does not read, is not
 * found: the callers then parse, or leave the message to the SDK.
 */
final class MethodMember {

    private MethodMember() {
    }

    /** A cursor at the value of the message's {@code method}, or null when the message names none. */
    static JsonCursor find(byte[] message) {
        try {
            JsonCursor cursor = new JsonCursor(message);
            if (!cursor.beginObject()) {
                return null;
            }
            while (cursor.nextMember()) {
                if (cursor.nameIs("method")) {
                    return cursor;
                }
                cursor.skipValue();
            }
            return null;
        } catch (JsonCursor.Malformed e) {
            return null;
        }
    }
}
