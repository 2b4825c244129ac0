package io.mcpgateway.gateway.toolmeta;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mcpgateway.text.Sha256;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash a tool's definition is pinned by: SHA-256 of its JSON with object keys sorted, so the same definition
 * listed with its keys in another order has the same hash, and any change of name, description, schema or
 * annotation gives another.
 */
final class ToolFingerprint {

    static final String PREFIX = "sha256:";

    private ToolFingerprint() {
    }

    static String of(Map<String, Object> definition, JsonMapper mapper) {
        return PREFIX + Sha256.hex(mapper.writeValueAsBytes(sorted(definition)));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> ordered = new TreeMap<>();
            map.forEach((k, v) -> ordered.put(String.valueOf(k), sorted(v)));
            return ordered;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ToolFingerprint::sorted).toList();
        }
        return value;
    }
}
