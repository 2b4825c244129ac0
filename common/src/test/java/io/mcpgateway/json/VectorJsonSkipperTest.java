package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The SIMD skipper must end and refuse values exactly where the byte-wise one does, across 64-byte blocks. */
class VectorJsonSkipperTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final byte[] SPECIAL = "{}[]\"\"\"\\\\\\,:ab01 \t\n/u-.#".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void theTestsRunWithTheVectorApi() {
        assertThat(JsonCursor.skipping()).startsWith("SIMD");
    }

    /** Prints how values are skipped, in a JVM of the test's choosing. */
    public static void main(String[] args) {
        System.out.print(JsonCursor.skipping());
    }

    @Test
    void simdTurnedOffOnPurposeIsSaidSo() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dmcpgateway.json.vectors=false",
                "-cp", System.getProperty("java.class.path"), VectorJsonSkipperTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String said = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(jvm.waitFor()).isZero();
        assertThat(said).isEqualTo("byte-wise (SIMD turned off by -Dmcpgateway.json.vectors=false)");
    }

    @Test
    void aToolAnswerIsSkippedPieceByPieceAsByteWise() {
        byte[] answer = toolAnswer();
        assertThat(JsonCursor.skipValue(answer, 0, answer.length)).isEqualTo(answer.length);
        for (int from = 0; from < answer.length; from++) {
            byte first = answer[from];
            if (first == '"' || first == '{' || first == '[') {
                assertSameEnd(answer, from, answer.length);
            }
        }
    }

    @Test
    void randomBytesDenseWithJsonSyntaxAreReadAsByteWise() {
        Random random = new Random(20261202);
        byte[] answer = toolAnswer();
        int accepted = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = round % 2 == 0 ? mutatedSlice(answer, random) : randomSyntax(random);
            bytes[0] = SPECIAL[random.nextInt(5) == 4 ? 4 : random.nextInt(2) * 2]; // { [ or "
            int end = bytes.length - (random.nextInt(4) == 0 ? random.nextInt(bytes.length) : 0);
            if (assertSameEnd(bytes, 0, Math.max(end, 1)) >= 0) {
                accepted++;
            }
        }
        assertThat(accepted).as("well-formed values among the random ones").isGreaterThan(10_000);
    }

    @Test
    void backslashRunsAndQuotesAtEveryPlaceAroundABlockBoundary() {
        for (int at = 50; at < 80; at++) {
            for (int run : new int[] {0, 1, 2, 3, 4, 5, 63, 64, 65, 66, 127, 128, 129}) {
                for (String after : List.of("\"", "n", " ", "x", "\"]", "\"}")) {
                    String text = "[\"" + "a".repeat(at) + "\\".repeat(run) + after + "\",1]" + " ".repeat(70);
                    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
                    assertSameEnd(bytes, 0, bytes.length);
                    assertSameEnd(bytes, 1, bytes.length);
                }
            }
        }
    }

    @Test
    void nestingBoundAndBracketKindsAcrossBlocks() {
        for (int depth : new int[] {63, 64, 65, 100}) {
            StringBuilder open = new StringBuilder();
            StringBuilder close = new StringBuilder();
            for (int level = 0; level < depth; level++) {
                open.append(level % 2 == 0 ? "[ " : "{\"k\": ");
                close.insert(0, level % 2 == 0 ? " ]" : "}");
            }
            byte[] bytes = (open + "\"" + "x".repeat(90) + "\"" + close).getBytes(StandardCharsets.ISO_8859_1);
            int end = assertSameEnd(bytes, 0, bytes.length);
            assertThat(end).as("depth %d", depth).isEqualTo(depth <= JsonCursor.MAX_DEPTH ? bytes.length : -1);
        }
        byte[] mismatched = ("{\"a\":[" + " ".repeat(70) + "}]").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(assertSameEnd(mismatched, 0, mismatched.length)).isEqualTo(-1);
    }

    @Test
    void valuesEndingAtTheLastByteOfAFullBlockOrOfTheInput() {
        for (int length = 62; length <= 130; length++) {
            String text = "{\"t\":\"" + "y".repeat(length - 9) + "\"}";
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(assertSameEnd(bytes, 0, bytes.length)).isEqualTo(bytes.length);
            assertThat(assertSameEnd(bytes, 0, bytes.length - 1)).isEqualTo(-1);
        }
    }

    /** Both skippers' end of the value at {@code from}; fails when they differ. */
    private static int assertSameEnd(byte[] bytes, int from, int end) {
        int byteWise = ByteWiseJsonSkipper.skip(bytes, from, end);
        int vector = VectorJsonSkipper.skip(bytes, from, end);
        assertThat(vector).as("end of %s", new String(bytes, from, end - from, StandardCharsets.ISO_8859_1))
                .isEqualTo(byteWise);
        return vector;
    }

    /** A tools/call answer as the search server writes it: the result as escaped text, then as structure. */
    private static byte[] toolAnswer() {
        List<Map<String, Object>> restaurants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> restaurant = new LinkedHashMap<>();
            restaurant.put("id", "r-" + i);
            restaurant.put("name", "Tea house \"" + i + "\" 茶 \\ é");
            restaurant.put("meal_type", List.of("breakfast", "lunch"));
            restaurant.put("sentiment", ordered("likes", i * 7, "dislikes", i));
            restaurant.put("hours", ordered("mon_fri", List.of("07:30 - 20:00"), "note", "line\nbreak\ttab"));
            restaurants.add(restaurant);
        }
        Map<String, Object> envelope = ordered("success", true, "data", ordered("restaurants", restaurants));
        String text = MAPPER.writeValueAsString(envelope);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", List.of(ordered("type", "text", "text", text)));
        result.put("isError", false);
        result.put("structuredContent", envelope);
        return MAPPER.writeValueAsBytes(ordered("jsonrpc", "2.0", "id", 1, "result", result));
    }

    /** A map in the given order, so the seeded random inputs are the same bytes in every run. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] mutatedSlice(byte[] answer, Random random) {
        int start = random.nextInt(answer.length - 400);
        byte[] bytes = Arrays.copyOfRange(answer, start, start + 1 + random.nextInt(400));
        for (int changes = random.nextInt(3); changes > 0; changes--) {
            bytes[random.nextInt(bytes.length)] = SPECIAL[random.nextInt(SPECIAL.length)];
        }
        return bytes;
    }

    private static byte[] randomSyntax(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(random.nextBoolean() ? 20 : 200)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : SPECIAL[random.nextInt(SPECIAL.length)];
        }
        return bytes;
    }
}
