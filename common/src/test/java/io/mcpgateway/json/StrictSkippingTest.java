package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * What is skipped is JSON: both skippers refuse what a strict parser refuses inside a value (a backend's answer is
 * passed on as it was written, so anything they let through would reach the gateway's callers), in short values
 * and across the 64-byte blocks of the SIMD skipper.
 */
class StrictSkippingTest {

    private static final ObjectReader JACKSON = Json.newMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final List<String> MALFORMED = List.of(
            "{\"a\" 1 \"b\"}", "{\"a\":01}", "{\"a\":1,,}", "[1 2 3]", "{:::}", "{\"a\":tru}", "{\"a\":NaN}",
            "[-Infinity]", "[Infinity]", "[1.]", "[.5]", "[+1]", "[1e]", "[1e+]", "[-]", "[--1]", "[1.2.3]",
            "[0x10]", "[\"a\":1]", "{\"a\":1,}", "[1,]", "{\"a\":\"b\":\"c\"}", "{\"a\"}", "{\"a\":}", "[,1]",
            "{,\"a\":1}", "[\"\\uZZZZ\"]", "[\"\\u12\"]", "[truex]", "[nul]", "[True]", "[None]", "{\"a\":1 \"b\":2}",
            "{\"a\":{} \"b\":1}", "[\"a\"\"b\"]", "[1\"a\"]", "[{}{}]", "{\"a\":[]\"b\":1}", "{1:2}", "{\"a\"::1}",
            "[1:2]", "{\"a\",1}", "[[],,[]]", "[\"a\" , , \"b\"]", "{ \"a\" : 1 , }", "[ 1\t2 ]",
            "{\"a\":[1,2}", "[\"\\x\"]");

    private static final List<String> WELL_FORMED = List.of(
            "[0]", "[-0]", "[1.5e-3]", "[1E+10]", "[-12.5e+3]", "[1e400]", "[true,false,null]", "{}", "[]",
            "[[],{}]", "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"\\u00e9\\n\\\"\"}", "[ 1 , 2 ]",
            "{ \"a\" :\t1 ,\n\"b\" : [ ] , \"c\" : { } }\r", "[\"é中😀\"]", "[0.0,10,-1E-2]", "{\"\":\"\"}",
            "[\"\\/\\b\\f\\r\\t\\\\\"]");

    /** Bytes beyond ASCII that are not UTF-8, each inside a string. */
    private static final List<String> NOT_UTF8 = List.of("ff", "fe", "c080", "c1bf", "eda080", "f4908080", "80",
            "e4b8", "f0908080f0", "c3", "e0808f", "f5808080");

    @Test
    void malformedValuesAreRefusedShortAndAtEveryPlaceAcrossBlocks() {
        for (String value : MALFORMED) {
            assertThatAllSkippersEnd(utf8(value), -1);
            for (int pad = 0; pad < 70; pad++) {
                byte[] padded = utf8("{\"pad\":\"" + "p".repeat(pad) + "\",\"v\":" + value + "}");
                assertThatAllSkippersEnd(padded, -1);
            }
        }
    }

    @Test
    void wellFormedValuesEndWhereTheyEndShortAndAtEveryPlaceAcrossBlocks() {
        for (String value : WELL_FORMED) {
            byte[] bytes = utf8(value);
            int end = bytes.length;
            while (JsonTokens.isWhitespace(bytes[end - 1])) {
                end--;
            }
            assertThatAllSkippersEnd(bytes, end);
            for (int pad = 0; pad < 70; pad++) {
                byte[] padded = utf8("{\"pad\":\"" + "p".repeat(pad) + "\",\"v\":" + value + " ,\"w\": 1 }");
                assertThatAllSkippersEnd(padded, padded.length);
                byte[] spaced = utf8("[" + " ".repeat(pad) + value + " ".repeat(pad) + "]");
                assertThatAllSkippersEnd(spaced, spaced.length);
            }
        }
    }

    @Test
    void bytesBeyondAsciiThatAreNotUtf8AreRefusedInStringsShortAndLong() {
        for (String hex : NOT_UTF8) {
            byte[] bad = HexFormat.of().parseHex(hex);
            for (int pad = 0; pad < 70; pad++) {
                ByteArrayOutputStream string = new ByteArrayOutputStream();
                string.writeBytes(utf8("[\"" + "s".repeat(pad)));
                string.writeBytes(bad);
                string.writeBytes(utf8("tail\",1]"));
                assertThatAllSkippersEnd(string.toByteArray(), -1);
                byte[] quoted = java.util.Arrays.copyOfRange(string.toByteArray(), 1, string.size() - 3);
                assertThatAllSkippersEnd(quoted, -1); // the string alone
            }
        }
    }

    /** Random changes to well-formed JSON: accepted exactly when Jackson's strict parser accepts the result. */
    @Test
    void whatIsAcceptedIsWhatAStrictParserAccepts() {
        Random random = new Random(20261206);
        byte[] alphabet = utf8("{}[]\",:  \t\n01-+.eEtrufalsn\\u9aX");
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 100_000; round++) {
            String document = document(random, 0);
            // every other one after a string of random length, so that its bytes fall anywhere in the 64-byte blocks
            byte[] bytes = utf8(round % 2 == 0 ? document
                    : "[\"" + "p".repeat(random.nextInt(80)) + "\"," + document + "]");
            for (int changes = random.nextInt(3); changes > 0; changes--) {
                int at = random.nextInt(bytes.length);
                bytes[at] = alphabet[random.nextInt(alphabet.length)];
            }
            if (bytes[0] != '{' && bytes[0] != '[') {
                continue;
            }
            boolean jackson = parses(bytes);
            int end = assertThatSkippersAgree(bytes);
            assertThat(end >= 0 && onlyWhitespaceFrom(bytes, end))
                    .as("%s %s (Jackson: %s)", visible(bytes), HexFormat.of().formatHex(bytes), jackson)
                    .isEqualTo(jackson);
            if (jackson) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertThat(accepted).isGreaterThan(20_000);
        assertThat(refused).isGreaterThan(20_000);
    }

    private static boolean onlyWhitespaceFrom(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (!JsonTokens.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(byte[] bytes) {
        try {
            JACKSON.readTree(bytes);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** A random document of a few levels, with whitespace here and there. */
    private static String document(Random random, int depth) {
        StringBuilder json = new StringBuilder();
        boolean object = depth == 0 ? random.nextBoolean() : random.nextInt(3) == 0;
        json.append(object ? '{' : '[').append(space(random));
        int entries = random.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < entries; i++) {
            if (i > 0) {
                json.append(',').append(space(random));
            }
            if (object) {
                json.append('"').append(text(random)).append('"').append(space(random)).append(':')
                        .append(space(random));
            }
            json.append(depth < 3 && random.nextInt(4) == 0 ? document(random, depth + 1) : scalar(random))
                    .append(space(random));
        }
        return json.append(object ? '}' : ']').toString();
    }

    private static String scalar(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "true";
            case 1 -> "null";
            case 2 -> "-" + random.nextInt(1000) + "." + random.nextInt(100);
            case 3 -> random.nextInt(100) + "e" + (random.nextBoolean() ? "+" : "-") + random.nextInt(9);
            case 4 -> Integer.toString(random.nextInt(100_000));
            default -> '"' + text(random) + '"';
        };
    }

    private static String text(Random random) {
        String[] parts = {"a", "name", "\\\"", "\\u00e9", "é", "中", " ", "\\n", "x1"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " \n\t\r".substring(random.nextInt(4)) : "";
    }

    private static String visible(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertThatAllSkippersEnd(byte[] bytes, int end) {
        assertThat(assertThatSkippersAgree(bytes)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(end);
    }

    /** The byte-wise skipper's end of the value at the start, which the SIMD one must agree with when it applies. */
    private static int assertThatSkippersAgree(byte[] bytes) {
        int byteWise = ByteWiseJsonSkipper.skip(bytes, 0, bytes.length);
        if (bytes.length > 0 && (bytes[0] == '"' || bytes[0] == '{' || bytes[0] == '[')) {
            assertThat(VectorJsonSkipper.skip(bytes, 0, bytes.length))
                    .as("SIMD: %s", new String(bytes, StandardCharsets.UTF_8)).isEqualTo(byteWise);
        }
        return byteWise;
    }
}
