package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.json.RawJson;
import tools.jackson.databind.json.JsonMapper;

class JsonResponsesTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anObjectWithPassedThroughJsonIsWrittenAsJacksonWouldWriteIt() {
        String data = "{\"restaurants\":[{\"name\":\"Caf\u00e9 \\\"1\\\"\",\"tags\":[\"a\",\"b\"]}],\"count\":1}";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", RawJson.value(data.getBytes(StandardCharsets.UTF_8)));
        body.put("na\"me \u4e2d\t\u0001\\", null);
        body.put("metadata", Map.of("request_id", "r-1", "took", 1.5, "list", List.of(1, 2)));

        byte[] joined = JsonResponses.join(body, MAPPER);

        assertThat(text(joined)).isEqualTo(text(MAPPER.writeValueAsBytes(body)));
        assertThat(MAPPER.readTree(joined).path("data")).isEqualTo(MAPPER.readTree(data));
    }

    @Test
    void anEmptyObjectAndASingleMemberAreWellFormed() {
        assertThat(text(JsonResponses.join(Map.of(), MAPPER))).isEqualTo("{}");
        assertThat(text(JsonResponses.join(Map.of("raw", RawJson.value("[1]".getBytes(StandardCharsets.UTF_8))),
                MAPPER))).isEqualTo("{\"raw\":[1]}");
    }
}
