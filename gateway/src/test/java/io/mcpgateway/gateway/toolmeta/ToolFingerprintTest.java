package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

class ToolFingerprintTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    private static Map<String, Object> ordered(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    @Test
    void theSameDefinitionListedInAnotherKeyOrderHasTheSameHash() {
        Map<String, Object> a = ordered("name", "find", "inputSchema", ordered("type", "object", "required",
                List.of("q")));
        Map<String, Object> b = ordered("inputSchema", ordered("required", List.of("q"), "type", "object"), "name",
                "find");

        assertThat(ToolFingerprint.of(a, MAPPER)).isEqualTo(ToolFingerprint.of(b, MAPPER)).startsWith("sha256:")
                .hasSize("sha256:".length() + 64);
    }

    @Test
    void anyChangeGivesAnotherHash() {
        Map<String, Object> base = ordered("name", "find", "description", "Finds", "annotations",
                ordered("readOnlyHint", true));

        assertThat(List.of(
                ordered("name", "find", "description", "Finds things", "annotations", ordered("readOnlyHint", true)),
                ordered("name", "find", "description", "Finds", "annotations", ordered("readOnlyHint", false)),
                ordered("name", "find", "description", "Finds")))
                .extracting(d -> ToolFingerprint.of(d, MAPPER))
                .doesNotContain(ToolFingerprint.of(base, MAPPER)).doesNotHaveDuplicates();
    }
}
