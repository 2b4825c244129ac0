package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mcpgateway.text.StrictUtf8;

class JsonCursorTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Where skipValue says the value at the start of {@code text} ends. */
    private static int end(String text) {
        byte[] bytes = utf8(text);
        return JsonCursor.skipValue(bytes, 0, bytes.length);
    }

    @Test
    void everyKindOfValueEndsWhereItEnds() {
        List<String> values = List.of("\"\"", "\"plain\"", "0", "-12.5e+3", "true", "false", "null", "{}", "[]",
                "{\"a\":1,\"b\":[true,null,{\"c\":\"}]{[\"}]}", "[ [ ], { } , \"x\" ]",
                "{\"say\":\"he said \\\"hi\\\" and left\\\\\",\"unicode\":\"\\u00e9\\n\\t\\/\"}",
                "{\"text\":\"é中😀 and more é中😀 than eight bytes\"}");
        for (String value : values) {
            assertThat(end(value + " , \"after\"")).as(value).isEqualTo(utf8(value).length);
            assertThat(end(value)).as(value).isEqualTo(utf8(value).length);
        }
    }

    @Test
    void quotesAndBackslashesAreFoundAtEveryPlaceInAnEightByteStep() {
        for (int before = 0; before < 20; before++) {
            for (int after = 0; after < 20; after++) {
                String value = "\"" + "a".repeat(before) + "\\\"" + "\\\\" + "b".repeat(after) + "\"";
                assertThat(end(value + "]")).as(value).isEqualTo(value.length());
                String unterminated = "\"" + "a".repeat(before) + "\\\"" + "b".repeat(after);
                assertThat(end(unterminated)).as(unterminated).isEqualTo(-1);
            }
        }
    }

    @Test
    void stringsDenseWithEscapesEndWhereAByteByByteReadingEnds() {
        // Escapes, quotes and control bytes several to a step and across steps, as in the text copy of a tool answer.
        byte[] alphabet = utf8("a\\\"nu/x\n\u0001é0F中");
        Random random = new Random(20261202);
        for (int run = 0; run < 20_000; run++) {
            byte[] string = new byte[2 + random.nextInt(40)];
            string[0] = '"';
            for (int i = 1; i < string.length; i++) {
                string[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(JsonCursor.skipValue(string, 0, string.length)).as(new String(string, StandardCharsets.UTF_8))
                    .isEqualTo(stringEndByteByByte(string));
        }
    }

    /**
     * The reference: where a string ends read one byte at a time, -1 when it does not or is malformed (the bytes
     * beyond ASCII as the JDK's strict UTF-8 decoder reads them).
     */
    private static int stringEndByteByByte(byte[] string) {
        for (int i = 1; i < string.length; i++) {
            byte c = string[i];
            if (c == '"') {
                return i + 1;
            } else if (c == '\\') {
                if (i + 1 >= string.length || "\"\\/bfnrtu".indexOf(string[i + 1]) < 0) {
                    return -1;
                }
                if (string[i + 1] == 'u') {
                    if (i + 5 >= string.length
                            || !new String(string, i + 2, 4, StandardCharsets.ISO_8859_1).matches("[0-9a-fA-F]{4}")) {
                        return -1;
                    }
                    i += 4;
                }
                i++;
            } else if (c < 0) {
                int run = i;
                while (run < string.length && string[run] < 0) {
                    run++;
                }
                if (!strictUtf8(Arrays.copyOfRange(string, i, run))) {
                    return -1;
                }
                i = run - 1;
            } else if (c < ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean strictUtf8(byte[] bytes) {
        try {
            StrictUtf8.decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void malformedValuesAreRefused() {
        List<String> malformed = List.of("", "\"open", "\"raw\nnewline in a long enough string\"",
                "\"tab\tinside\"", "\"bad escape \\x\"", "\"ends in a backslash\\", "{\"a\":[1}", "[1,2",
                "{\"a\":1}}".substring(0, 6), "]", "{]", "[}", "@", "{\"a\":@}");
        for (String value : malformed) {
            assertThat(end(value)).as(value).isEqualTo(-1);
        }
    }

    @Test
    void nestingIsReadUpToItsBound() {
        int bound = JsonCursor.MAX_DEPTH;
        assertThat(end("[".repeat(bound) + "]".repeat(bound))).isEqualTo(2 * bound);
        assertThat(end("[".repeat(bound + 1) + "]".repeat(bound + 1))).isEqualTo(-1);
    }

    @Test
    void membersAreReadByNameAndTheirValuesLocated() {
        byte[] message = utf8(" { \"id\" : 7 , \"name\":\"x\",\"result\" : {\"ok\":true, \"data\": [1, {\"n\": null}]"
                + " } }\n");
        JsonCursor json = new JsonCursor(message);

        assertThat(json.beginObject()).isTrue();
        assertThat(json.nextMember()).isTrue();
        assertThat(json.nameIs("id")).isTrue();
        assertThat(json.consumeScalar("7")).isTrue();
        assertThat(json.nextMember()).isTrue();
        assertThat(json.nameIs("name")).isTrue();
        assertThat(json.nameIs("nam")).isFalse();
        assertThat(json.consumeScalar("x")).as("a string is not the scalar x").isFalse();
        assertThat(json.nextMember()).isTrue();
        assertThat(json.nameIs("result")).isTrue();
        int start = json.position();
        assertThat(json.beginObject()).isTrue();
        assertThat(json.nextMember()).isTrue();
        assertThat(json.consumeScalar("false")).isFalse();
        assertThat(json.nextMember()).isTrue();
        assertThat(json.atArray()).isTrue();
        json.skipValue();
        assertThat(json.nextMember()).isFalse();
        assertThat(new String(message, start, json.position() - start, StandardCharsets.UTF_8))
                .isEqualTo("{\"ok\":true, \"data\": [1, {\"n\": null}] }");
        assertThat(json.nextMember()).isFalse();
        json.expectEnd();
    }

    @Test
    void arraysAreReadElementByElement() {
        byte[] message = utf8("[ {\"type\": \"text\", \"text\": \"{\\\"a\\\":[1]}\"} , 2,[] ] ");
        JsonCursor json = new JsonCursor(message);
        List<String> seen = new ArrayList<>();

        assertThat(json.beginArray()).isTrue();
        while (json.nextElement()) {
            int start = json.position();
            if (json.beginObject()) {
                while (json.nextMember()) {
                    json.skipValue();
                }
            } else {
                json.skipValue();
            }
            seen.add(new String(message, start, json.position() - start, StandardCharsets.UTF_8));
        }
        json.expectEnd();

        assertThat(seen).containsExactly("{\"type\": \"text\", \"text\": \"{\\\"a\\\":[1]}\"}", "2", "[]");
        assertThat(new JsonCursor(utf8("{}")).beginArray()).isFalse();
        JsonCursor empty = new JsonCursor(utf8("[ ]"));
        assertThat(empty.beginArray()).isTrue();
        assertThat(empty.nextElement()).isFalse();
        empty.expectEnd();
    }

    @Test
    void arraysTheCursorDoesNotReadAreMalformed() {
        for (String text : List.of("[,1]", "[1,]", "[1 2]", "[1,,2]", "[1", "[{\"a\":1]", "[1]]")) {
            assertThatThrownBy(() -> elements(text)).as(text).isInstanceOf(JsonCursor.Malformed.class);
        }
    }

    @Test
    void whatTheCursorDoesNotReadIsMalformed() {
        assertThatThrownBy(() -> member("{\"na\\u006de\":1}")).as("escaped name")
                .isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{,\"a\":1}")).as("comma first").isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{\"a\":1 \"b\":2}")).as("no comma").isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{\"a\" 1}")).as("no colon").isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{\"a\":1")).as("cut off").isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{\"na")).as("cut off in a name").isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{\"a\":\"open")).as("cut off in a value")
                .isInstanceOf(JsonCursor.Malformed.class);
        assertThatThrownBy(() -> member("{\"a\":1} x")).as("trailing bytes").isInstanceOf(JsonCursor.Malformed.class);
        assertThat(new JsonCursor(utf8("[1]")).beginObject()).isFalse();
    }

    private static void member(String text) {
        readEntries(text, false);
    }

    private static void elements(String text) {
        readEntries(text, true);
    }

    /** Reads an object member by member or an array element by element, skipping the values, to the end. */
    private static void readEntries(String text, boolean array) {
        JsonCursor json = new JsonCursor(utf8(text));
        if (array ? json.beginArray() : json.beginObject()) {
            while (array ? json.nextElement() : json.nextMember()) {
                json.skipValue();
            }
        }
        json.expectEnd();
    }
}
