package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.json.RawJson;
import io.mcpgateway.testsupport.TestDataSets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

class ToolCallScannerTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    /** Data whose strings hold brackets, quotes, escapes and non-ASCII text, laid out with whitespace. */
    private static final String TRICKY_DATA = "{ \"a\" : [ \"}]{[\", \"say \\\"hi\\\"\", \"back\\\\\" ],"
            + "\n  \"b\": {\"c\": [[], {}], \"d\": null, \"e\": -1.5e3, \"f\": \"\u00e9\u4e2d\"} }";
    private static final String RESULT = "{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"success\\\":true}\"}],"
            + "\"structuredContent\":{\"success\":true,\"data\":{\"total_count\":2,\"names\":[\"é\",\"b\"]}},"
            + "\"isError\":false}";

    private static ToolCallScanner.Scanned scan(String message, long id) {
        return ToolCallScanner.scan(message.getBytes(StandardCharsets.UTF_8), id);
    }

    private static String text(RawValue value) {
        return RawJson.of(value).getValue();
    }

    private static byte[] bytes(RawValue value) {
        return RawJson.of(value).toByteArray();
    }

    @Test
    void aSuccessfulEnvelopedResultIsFoundAsTheBackendWroteIt() {
        ToolCallScanner.Scanned scanned = scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT + "}", 7);

        assertThat(scanned).isNotNull();
        assertThat(text(scanned.result())).isEqualTo(RESULT);
        assertThat(text(scanned.data())).isEqualTo("{\"total_count\":2,\"names\":[\"é\",\"b\"]}");
    }

    @Test
    void dataIsFoundWhateverItsStringsHoldAndHowItIsLaidOut() {
        String message = "{ \"jsonrpc\": \"2.0\",\n \"id\" : 3 , \"result\" : { \"content\": [{\"type\": \"text\","
                + " \"text\": \"{\\\"success\\\": true, \\\"data\\\": {}}\"}],\n \"structuredContent\" :"
                + " {\"success\" : true , \"data\" : " + TRICKY_DATA + " } } }";

        ToolCallScanner.Scanned scanned = scan(message, 3);

        assertThat(scanned).as(message).isNotNull();
        assertThat(text(scanned.data())).isEqualTo(TRICKY_DATA);
        assertThat(MAPPER.readTree(bytes(scanned.data()))).isEqualTo(MAPPER.readTree(TRICKY_DATA));
        assertThat(MAPPER.readTree(bytes(scanned.result())).path("structuredContent").path("success").asBoolean())
                .isTrue();
    }

    @Test
    void aCompleteResultOfMcp20260728IsPassedOnWithoutItsResultTypeWhereverItStands() throws Exception {
        String body = RESULT.substring(1, RESULT.length() - 1); // its members
        for (String typed : List.of("{\"resultType\":\"complete\"," + body + "}",
                "{" + body + " , \"resultType\" : \"complete\" }", "{ \"resultType\":\"complete\" ,\n" + body + "}")) {
            ToolCallScanner.Scanned scanned = scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + typed + "}", 7);

            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (RawJson piece : io.mcpgateway.json.RawJsonPieces.of(scanned.result())) {
                piece.writeUnquotedUTF8(out);
            }
            assertThat(MAPPER.readTree(out.toByteArray())).as(typed).isEqualTo(MAPPER.readTree(RESULT));
            assertThat(text(scanned.data())).isEqualTo("{\"total_count\":2,\"names\":[\"\u00e9\",\"b\"]}");
        }
        String another = RESULT.replace("{\"content\"", "{\"resultType\":\"input_required\",\"content\"");
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + another + "}", 7))
                .as("another kind of result is the tree reader's").isNull();
    }

    @Test
    void aResultThatSaysNoStoreIsNotReusable() {
        String noStore = RESULT.replace("{\"content\"", "{\"_meta\":{\"other\":[1],\"io.mcpgateway/no-store\":true},"
                + "\"content\"");
        String storeAllowed = noStore.replace("\"io.mcpgateway/no-store\":true", "\"io.mcpgateway/no-store\":false");

        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT + "}", 7).reusable()).isTrue();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + noStore + "}", 7).reusable()).isFalse();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + storeAllowed + "}", 7).reusable()).isTrue();
    }

    @Test
    void contentItemsOfAnyShapeArePassedOnAndBrokenOnesLeftToTheTreeReader() {
        String items = "[ {\"type\":\"text\",\"text\":\"[{\\\"}\"}, {\"type\":\"image\",\"data\":\"AAA=\","
                + "\"annotations\":{\"audience\":[\"user\"]}}, \"odd\", 3 ,[] ]";
        String result = RESULT.replaceFirst("\\[\\{.*?\\}\\]", java.util.regex.Matcher.quoteReplacement(items));

        ToolCallScanner.Scanned scanned = scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + result + "}", 7);

        assertThat(result).contains("\"content\":" + items);
        assertThat(scanned).isNotNull();
        assertThat(text(scanned.result())).isEqualTo(result);
        for (String broken : List.of("[,{}]", "[{},]", "[{} {}]", "[{\"a\":1]", "[{\"a\" 1}]", "[\"x]")) {
            String message = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":"
                    + RESULT.replaceFirst("\\[\\{.*?\\}\\]", java.util.regex.Matcher.quoteReplacement(broken)) + "}";
            assertThat(scan(message, 7)).as(broken).isNull();
        }
    }

    @Test
    void everyOtherAnswerIsLeftToTheTreeReader() {
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":" + RESULT + "}", 7)).as("another id").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"x\"}}", 7)).isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT.replace("\"isError\":false",
                "\"isError\":true") + "}", 7)).as("isError").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"structuredContent\":{\"success\":false,"
                + "\"error\":{\"type\":\"ValidationError\"}}}}", 7)).as("the tool's own error").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}", 7)).as("no envelope").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"structuredContent\":{\"success\":true,"
                + "\"data\":5}}}", 7)).as("data that is not an object or array").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"structuredContent\":", 7)).as("cut off").isNull();
        assertThat(scan("[1,2]", 7)).isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":" + RESULT + "}", 7)).as("a string id").isNull();
        assertThat(scan("", 7)).isNull();
    }

    @Test
    void answersThatAreNotQuiteJsonAreLeftToTheTreeReader() {
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT + "}";
        assertThat(scan(answer, 7)).isNotNull();
        assertThat(scan(answer.replace("\"isError\"", "\"isErr\\u006fr\""), 7)).as("an escaped name").isNull();
        assertThat(scan(answer.replace("\"b\"", "\"b\n\""), 7)).as("a raw newline in a string").isNull();
        assertThat(scan(answer.replace(",\"isError\"", " \"isError\""), 7)).as("a missing comma").isNull();
        assertThat(scan(answer + "}", 7)).as("a byte too many").isNull();
        for (int cut = 0; cut < answer.length(); cut++) {
            assertThat(scan(answer.substring(0, cut), 7)).as("cut at %d", cut).isNull();
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) { // any byte changed anywhere: an answer or null, never an exception
            byte[] changed = bytes.clone();
            changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
            ToolCallScanner.scan(changed, 7);
        }
    }

    @Test
    void everyDistrictOfTheRealDataSetIsFoundAsItWasSent() throws IOException {
        Path restaurants = TestDataSets.hongKong().resolve("restaurants");
        List<Path> files;
        try (Stream<Path> listing = Files.walk(restaurants)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(29);
        long id = 1;
        for (Path file : files) {
            JsonNode data = MAPPER.readTree(file.toFile());
            Map<String, Object> envelope = Map.of("success", true, "data", data);
            Map<String, Object> result = Map.of("content", List.of(Map.of("type", "text",
                    "text", MAPPER.writeValueAsString(envelope))), "structuredContent", envelope, "isError", false);
            byte[] message = MAPPER.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", id, "result", result));

            ToolCallScanner.Scanned scanned = ToolCallScanner.scan(message, id++);

            assertThat(scanned).as(file.getFileName().toString()).isNotNull();
            assertThat(MAPPER.readTree(bytes(scanned.data()))).isEqualTo(data);
            assertThat(MAPPER.readTree(bytes(scanned.result()))).isEqualTo(MAPPER.valueToTree(result));
        }
    }
}
