package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

class RawJsonTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String MESSAGE = "{\"result\":{\"data\":[\"caf\u00e9\",{\"n\":1}]},\"id\":7}";

    /** The slice of MESSAGE that is the value of result. */
    private static RawValue resultSlice() {
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.UTF_8);
        String prefix = "{\"result\":";
        int end = bytes.length - ",\"id\":7}".length();
        return RawJson.value(bytes, prefix.length(), end);
    }

    @Test
    void aSliceIsWrittenAsTheValueItIs() throws Exception {
        RawValue slice = resultSlice();
        String expected = "{\"data\":[\"caf\u00e9\",{\"n\":1}]}";
        RawJson json = RawJson.of(slice);

        assertThat(json.getValue()).isEqualTo(expected);
        assertThat(json.length()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(json.asUnquotedUTF8(), StandardCharsets.UTF_8)).isEqualTo(expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeUnquotedUTF8(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        byte[] target = new byte[json.length() + 2];
        assertThat(json.appendUnquotedUTF8(target, 1)).isEqualTo(json.length());
        assertThat(json.appendUnquotedUTF8(new byte[3], 0)).as("no room").isEqualTo(-1);
    }

    @Test
    void jacksonWritesSlicesInsideOtherValues() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("result", resultSlice());
        answer.put("more", List.of(resultSlice(), RawJson.value("true".getBytes(StandardCharsets.UTF_8))));

        String written = MAPPER.writeValueAsString(answer);

        assertThat(MAPPER.readTree(written)).isEqualTo(MAPPER.readTree("{\"jsonrpc\":\"2.0\","
                + "\"result\":{\"data\":[\"caf\u00e9\",{\"n\":1}]},\"more\":[{\"data\":[\"caf\u00e9\",{\"n\":1}]},true]}"));
        assertThat(RawJson.of("not raw")).isNull();
    }

    @Test
    void aMemberPutFirstKeepsTheRestOfTheSliceWhereItLies() throws Exception {
        RawJson slice = RawJson.of(resultSlice());
        String expected = "{\"kind\":\"x\",\"data\":[\"caf\u00e9\",{\"n\":1}]}";

        RawValue first = slice.withFirstMember("\"kind\":\"x\"");
        List<RawJson> pieces = RawJsonPieces.of(first);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawJson piece : pieces) {
            piece.writeUnquotedUTF8(out);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(pieces.get(1).sharesBytesWith(slice)).as("not copied").isTrue();
        assertThat(MAPPER.writeValueAsString(Map.of("result", first))).as("as Jackson writes it")
                .isEqualTo("{\"result\":" + expected + "}");
        assertThat(MAPPER.writeValueAsString(Map.of("result", first, "pad", "x".repeat(10_000))))
                .as("through a buffer too small for it").contains("\"result\":" + expected);
        assertThat(slice.getValue()).as("the slice itself is untouched").startsWith("{\"data\"");
    }

    @Test
    void aMemberPutFirstInAnEmptyObjectIsItsOnlyOne() {
        byte[] spaced = " \n{ }".getBytes(StandardCharsets.UTF_8);

        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(RawJson.wrap(spaced).withFirstMember("\"kind\":1"))))
                .isEqualTo(MAPPER.readTree("{\"kind\":1}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RawJson.wrap("[1]".getBytes(StandardCharsets.UTF_8))
                .withFirstMember("\"kind\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RawJsonPieces.of("not raw")).isNull();
    }
}
