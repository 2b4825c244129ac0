package io.mcpgateway.mcpkit;

import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.McpTestClient;
import io.mcpgateway.testsupport.ListenBacklog;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hosting kit with a small test tool: protocol handling, limits and error hygiene. */
@Timeout(60)
class McpServerHostIntegrationTest {

    private static final int MAX_BYTES = 64 * 1024;
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
    private static McpServerHost host;
    private static McpTestClient client;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        McpSchema.Tool echo = McpSchema.Tool.builder("echo",
                        closedObject(properties("text", string(1, 10, "Text to echo")), List.of("text")))
                .description("Echoes text")
                .build();
        ToolDefinition definition = new ToolDefinition(echo, args -> {
            String text = String.valueOf(args.raw("text"));
            if (text.equals("boom")) {
                throw new IllegalStateException("secret detail /etc/app.conf password=hunter2");
            }
            if (text.equals("draw")) {
                return new UnrepeatableData(Map.of("echo", "drawn"));
            }
            if (text.equals("bad")) {
                throw ToolInputException.validation("text must not be 'bad'");
            }
            return Map.of("echo", text);
        });
        McpSchema.Tool count = McpSchema.Tool.builder("count",
                        closedObject(properties("key", string(1, 10, "Anything")), List.of()))
                .description("Counts its own runs; results are cached by arguments")
                .build();
        ToolDefinition counting = new ToolDefinition(count, args -> "unwritable".equals(args.raw("key"))
                ? Map.of("runs", "\uD800") // half a surrogate pair: no UTF-8 writer can encode it
                : Map.of("runs", RUNS.incrementAndGet()), ResultCaching.BY_ARGUMENTS);
        host = McpServerHost.start(McpServerConfig.local(0).withMaxRequestBytes(MAX_BYTES),
                new ServerIdentity("test-server", "9.9.9", "For tests"), List.of(definition, counting),
                ToolErrorTranslator.NONE,
                () -> new HealthReport(HealthReport.Status.DEGRADED, Map.of("note", "testing")), MAPPER,
                Clock.systemUTC());
        client = McpTestClient.connect(host.port(), MAPPER);
        raw = new RawMcpHttp(host.port());
    }

    @AfterAll
    static void stop() {
        client.close();
        host.close();
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception", "\tat ", "hunter2", "/etc/", "tools.jackson", "java.");
    }

    @Test
    void aBurstOfNewConnectionsWaitsInABacklogOf511NotJettys50() {
        OptionalInt backlog = ListenBacklog.of(host.port());
        Assumptions.assumeTrue(backlog.isPresent(), "ss (iproute2) is not here to read a socket's backlog");

        assertThat(backlog.getAsInt()).isEqualTo(ListenBacklog.granted(511));
    }

    @Test
    void idleConnectionsOutliveTheGatewaysKeepAliveSoTheGatewayClosesThem() {
        // the gateway's pool keeps an idle connection 30 s by default (backends[].keep_alive_ms): the side that
        // closes first must be the one that knows the connection is idle, or a call can meet the close on its way
        assertThat(host.connectionIdleTimeout()).isGreaterThan(Duration.ofSeconds(30));
    }

    @Nested
    class ToolCalls {

        @Test
        void successResultCarriesTheSameJsonAsStructuredContentAndText() {
            CallToolResult result = client.call("echo", Map.of("text", "hi"));

            assertThat(result.isError()).isFalse();
            assertThatJson(McpTestClient.text(result)).isEqualTo("{\"success\":true,\"data\":{\"echo\":\"hi\"}}");
            assertThat(client.structured(result)).isEqualTo(Map.of("success", true, "data", Map.of("echo", "hi")));
        }

        @Test
        void dataARepeatedCallWouldNotGiveAgainIsMarkedNoStore() {
            CallToolResult drawn = client.call("echo", Map.of("text", "draw"));
            CallToolResult plain = client.call("echo", Map.of("text", "hi"));

            assertThat(client.structured(drawn)).isEqualTo(Map.of("success", true, "data", Map.of("echo", "drawn")));
            assertThat(drawn.meta()).containsEntry("io.mcpgateway/no-store", true);
            assertThat(plain.meta()).isNull();
        }

        @Test
        void rejectedInputIsAnErrorResultWithTheReason() {
            CallToolResult result = client.call("echo", Map.of("text", "bad"));

            assertThat(result.isError()).isTrue();
            assertThatJson(McpTestClient.text(result)).isEqualTo(
                    "{\"success\":false,\"error\":{\"type\":\"ValidationError\",\"message\":\"text must not be 'bad'\","
                            + "\"timestamp\":\"${json-unit.any-string}\"}}");
        }

        @Test
        void undeclaredArgumentIsRejectedByName() {
            CallToolResult result = client.call("echo", Map.of("text", "hi", "colour", "red"));

            assertThat(result.isError()).isTrue();
            assertThat(McpTestClient.text(result)).contains("Unknown argument 'colour'. Valid arguments: text");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ISO-8859-1", "bogus", "\"utf-16\""})
        void aBodyLabelledWithAnotherCharsetIsReadAsTheUtf8ItIs(String charset) {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"caf\u00e9\"}"),
                    "Content-Type", "application/json; charset=" + charset);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result.structuredContent.data.echo").isEqualTo("caf\u00e9");
        }

        @Test
        void crashingToolAnswersAGenericInternalErrorAndRevealsNothing() {
            CallToolResult result = client.call("echo", Map.of("text", "boom"));

            assertThat(result.isError()).isTrue();
            assertThatJson(McpTestClient.text(result)).inPath("error.type").isEqualTo("InternalError");
            assertNoInternals(McpTestClient.text(result));
            assertThat(client.call("echo", Map.of("text", "still")).isError()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"text\": \"x\\ud800\"}", "{\"key\": \"\\udc00\"}", "{\"text\": 1e999}"})
        void argumentsThatJsonCannotCarryAreRefusedBeforeTheToolRuns(String arguments) {
            String tool = arguments.contains("key") ? "count" : "echo"; // count's answers bypass the SDK
            int runs = RUNS.get();

            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall(tool, arguments));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result.isError").isEqualTo(true);
            assertThatJson(response.body()).inPath("result.structuredContent.error.message").asString()
                    .startsWith("Invalid arguments: the ").containsAnyOf("unpaired UTF-16 surrogate", "out of range");
            assertThat(RUNS.get()).isEqualTo(runs);
        }

        @Test
        void aCachedToolsCallIsRefusedAsTheSdkRefusesAnyOther() {
            // count's answers bypass the SDK: what the SDK refuses for echo must be refused for count too
            for (String tool : List.of("echo", "count")) {
                String arguments = tool.equals("count") ? "{\"key\": \"k\"}" : "{\"text\": \"t\"}";
                String hugeId = RawMcpHttp.toolCall(tool, arguments).replace("\"id\":1", "\"id\":" + "9".repeat(40));
                String badMeta = RawMcpHttp.toolCall(tool, arguments).replace("\"arguments\"", "\"_meta\":5,"
                        + "\"arguments\"");

                assertThat(raw.post(hugeId).statusCode()).as(tool).isEqualTo(400);
                assertThatJson(raw.post(badMeta).body()).as(tool).inPath("error.code").isEqualTo(-32602);
            }
        }

        @Test
        void aResultThatCannotBeWrittenIsAPlain500RevealingNothing() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("count", "{\"key\": \"unwritable\"}"));

            assertThat(response.statusCode()).isEqualTo(500);
            assertThatJson(response.body()).isEqualTo(
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}");
            assertNoInternals(response.body());
            assertThat(client.call("echo", Map.of("text", "still")).isError()).isFalse();
        }

        @Test
        void unknownToolIsAJsonRpcErrorNamingIt() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("nope", "{}"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("error").isEqualTo(
                    "{\"code\":-32602,\"message\":\"Unknown tool: nope. tools/list gives the available tools.\"}");
        }

        @Test
        void aLongUnknownNameIsRepeatedOnlyInPart() {
            String name = "n".repeat(10_000);
            HttpResponse<String> tool = raw.post(RawMcpHttp.toolCall(name, "{}"));
            HttpResponse<String> method = raw.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"" + name + "\"}");

            assertThatJson(tool.body()).inPath("error.message").isEqualTo("Unknown tool: " + "n".repeat(200)
                    + ".... tools/list gives the available tools.");
            assertThatJson(method.body()).inPath("error.code").isEqualTo(-32601);
            assertThatJson(method.body()).inPath("error.message").asString()
                    .isEqualTo("Method not found: " + "n".repeat(200) + "...");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"x\"", "[1]", "5", "true"})
        void paramsThatAreNoObjectAreInvalidParamsWhateverTheMethod(String params) {
            // JSON-RPC: params are structured; MCP: an object for every method. Null counts as left out.
            for (String method : List.of("ping", "tools/list", "tools/call", "initialize")) {
                HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                        + "\",\"params\":" + params + "}");

                assertThat(response.statusCode()).as(method).isEqualTo(200);
                assertThatJson(response.body()).as(method).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":"
                        + "{\"code\":-32602,\"message\":\"Invalid params: params must be a JSON object\"}}");
            }
            assertThatJson(raw.post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":null}").body())
                    .inPath("result").isEqualTo("{}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "\"x\"", "[]"})
        void aMetaThatIsNoObjectIsInvalidParamsWhateverTheMethod(String meta) {
            for (String method : List.of("ping", "tools/list", "tools/call")) {
                HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                        + "\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"t\"},\"_meta\":" + meta + "}}");

                assertThatJson(response.body()).as(method).inPath("error").isEqualTo(
                        "{\"code\":-32602,\"message\":\"Invalid params: params._meta must be a JSON object\"}");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"name\": null}", "{\"name\": 5}", "{\"arguments\": {}}"})
        void aCallNamingNoToolIsInvalidParamsSayingSo(String params) {
            HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                    + "\"params\":" + params + "}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("error").isEqualTo(
                    "{\"code\":-32602,\"message\":\"tools/call needs params.name, the tool's name\"}");
        }
    }

    @Nested
    class CachedResults {

        @Test
        void repeatedCallIsAnsweredWithTheSameResultUnderItsOwnId() {
            HttpResponse<String> first = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":{\"key\":\"a\"}}}");
            HttpResponse<String> second = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":\"second\",\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":{\"key\":\"a\"}}}");

            assertThatJson(first.body()).inPath("id").isEqualTo(41);
            assertThatJson(second.body()).inPath("id").isEqualTo("second");
            assertThatJson(second.body()).inPath("result").isEqualTo(MAPPER.readTree(first.body()).get("result").toString());
            assertThat(second.headers().firstValue("Content-Length")).hasValue(Integer.toString(second.body().length()));
        }

        @Test
        void otherArgumentsRunTheToolAgain() {
            int before = RUNS.get();
            client.call("count", Map.of("key", "b"));
            client.call("count", Map.of("key", "c"));
            client.call("count", Map.of("key", "b"));

            assertThat(RUNS.get() - before).isEqualTo(2);
        }

        @Test
        void answersWithoutTheSdkSayTheSameAsTheSdk() {
            // over the fast path's 16 KB (JSON whitespace), a call goes through the SDK; under it, it is answered directly
            String padding = " ".repeat(17 * 1024);
            int before = RUNS.get();
            HttpResponse<String> viaSdk = raw.post(RawMcpHttp.toolCall("count", padding + "{\"key\":\"e\"}"));
            HttpResponse<String> direct = raw.post(RawMcpHttp.toolCall("count", "{\"key\":\"e\"}"));
            HttpResponse<String> directFirst = raw.post(RawMcpHttp.toolCall("count", "{\"key\":\"f\"}"));
            HttpResponse<String> viaSdkLater = raw.post(RawMcpHttp.toolCall("count", padding + "{\"key\":\"f\"}"));

            assertThat(RUNS.get() - before).isEqualTo(2);
            for (HttpResponse<String> response : List.of(viaSdk, direct, directFirst, viaSdkLater)) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).inPath("result.isError").isEqualTo(false);
                JsonNode result = MAPPER.readTree(response.body()).get("result");
                assertThat(MAPPER.readTree(result.at("/content/0/text").asString()))
                        .isEqualTo(result.get("structuredContent"));
            }
            assertThatJson(direct.body()).isEqualTo(viaSdk.body());
            assertThatJson(viaSdkLater.body()).isEqualTo(directFirst.body());
        }

        @Test
        void theFastPathLeavesOutTheTextCopyWhenAskedAndCachesSuchResultsApartFromWholeOnes() {
            String padding = " ".repeat(17 * 1024); // over the fast path's limit: through the SDK
            String structuredOnly = ",\"_meta\":{\"io.mcpgateway/structured-only\":true}}}";
            String trimmedDirect = RawMcpHttp.toolCall("count", "{\"key\":\"g\"}");
            trimmedDirect = trimmedDirect.substring(0, trimmedDirect.length() - 2) + structuredOnly;
            String trimmedViaSdk = trimmedDirect.replace("{\"key\"", padding + "{\"key\"");
            int before = RUNS.get();

            JsonNode trimmed = MAPPER.readTree(raw.post(trimmedDirect).body()).get("result");
            JsonNode whole = MAPPER.readTree(raw.post(RawMcpHttp.toolCall("count", "{\"key\":\"g\"}")).body())
                    .get("result");
            JsonNode trimmedAgain = MAPPER.readTree(raw.post(trimmedDirect).body()).get("result");
            JsonNode trimmedFromSdk = MAPPER.readTree(raw.post(trimmedViaSdk).body()).get("result");

            assertThat(RUNS.get() - before).as("one run for each form").isEqualTo(2);
            assertThat(trimmed.get("content")).isEmpty();
            assertThat(trimmedAgain).isEqualTo(trimmed);
            assertThat(trimmedFromSdk.get("content")).as("the SDK's path answers whole results").hasSize(1);
            assertThat(trimmedFromSdk.get("structuredContent")).isEqualTo(whole.get("structuredContent"));
            assertThat(MAPPER.readTree(whole.at("/content/0/text").asString())).isEqualTo(whole.get("structuredContent"));
        }

        @Test
        void rejectedArgumentsOfACachedToolAreAnErrorResultEveryTime() {
            int before = RUNS.get();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("count", "{\"key\":\"g\",\"colour\":1}"));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).inPath("result.isError").isEqualTo(true);
                assertThatJson(response.body()).inPath("result.structuredContent.error.message")
                        .isEqualTo("Unknown argument 'colour'. Valid arguments: key");
            }
            assertThat(RUNS.get() - before).isZero();
        }

        @Test
        void cachedAnswersStillCheckHostAndOrigin() {
            String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":{\"key\":\"d\"}}}";
            assertThat(raw.post(call).statusCode()).isEqualTo(200);

            assertThat(raw.post(call, "Host", "evil.example.com").statusCode()).isEqualTo(421);
            assertThat(raw.post(call, "Origin", "http://evil.example.com").statusCode()).isEqualTo(403);
            assertThat(raw.post(call, "Accept", "application/json").statusCode()).isEqualTo(400);
        }

        @Test
        void anOriginThatIsNotOneOriginIsRefusedThoughItBeginsAsAnAllowedOne() {
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
            String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                    + "\"arguments\":{\"key\":\"o\"}}}";
            assertThat(raw.post(ping, "Origin", "http://localhost:3000").statusCode()).isEqualTo(200);
            // the SDK matches the allowed http://localhost:* by its prefix
            for (String origin : List.of("http://localhost:3000.evil.com", "http://localhost:@evil.com",
                    "http://localhost:", "http://localhost:3000, http://evil.com", "http://127.0.0.1:9/x/y",
                    "http://localhost:3000/")) {
                assertThat(raw.post(ping, "Origin", origin).statusCode()).as(origin).isEqualTo(403);
                assertThat(raw.post(call, "Origin", origin).statusCode()).as("cached call, " + origin).isEqualTo(403);
            }
        }
    }

    @Nested
    class RequestIdentifiers {

        private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"count\",\"arguments\":{\"key\":\"r\"}}}";

        @Test
        void theCallersIdIsEchoedOnAnswersAndErrorsAlike() {
            assertThat(raw.post(CALL, "X-Request-ID", "gw-req-1").headers().firstValue("X-Request-ID"))
                    .hasValue("gw-req-1");
            assertThat(raw.post("not json", "X-Request-ID", "gw-req-2").headers().firstValue("X-Request-ID"))
                    .hasValue("gw-req-2");
            assertThat(raw.post(CALL, "X-Request-ID", "gw-req-3", "Host", "evil.example.com").headers()
                    .firstValue("X-Request-ID")).hasValue("gw-req-3");
        }

        @Test
        void everyPageOfTheServerEchoesTheIdToo() {
            for (String path : List.of("/health", "/metrics", "/metrics/prometheus", "/no/such/page")) {
                assertThat(raw.get(path, "X-Request-ID", "gw-page").headers().firstValue("X-Request-ID")).as(path)
                        .hasValue("gw-page");
            }
        }

        @Test
        void aRequestWithoutAUsableIdGetsAFreshOne() {
            String fresh = raw.post(CALL).headers().firstValue("X-Request-ID").orElseThrow();
            String replaced = raw.post(CALL, "X-Request-ID", "bad id\"").headers().firstValue("X-Request-ID")
                    .orElseThrow();

            assertThat(java.util.UUID.fromString(fresh).version()).isEqualTo(4);
            assertThat(java.util.UUID.fromString(replaced).version()).isEqualTo(4);
            assertThat(fresh).isNotEqualTo(replaced);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"notifications/cancelled", "notifications/progress", "notifications/made-up"})
    void aNotificationTheServerHasNoUseForIsAcceptedWithoutALogLine(String method) {
        Logger sdk = (Logger) LoggerFactory.getLogger("io.modelcontextprotocol");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        sdk.addAppender(logs);
        try {
            HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"method\":\"" + method
                    + "\",\"params\":{\"requestId\":1,\"reason\":\"gone\"}}");

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(logs.list).as("a line per message is a log any client can fill").isEmpty();
        } finally {
            sdk.detachAppender(logs);
        }
    }

    /** JSON-RPC batches: MCP 2025-03-26 says servers must take them (the SDK's transport refuses them). */
    @Nested
    class Batches {

        private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

        @ParameterizedTest
        @ValueSource(strings = {"", "2025-03-26"})
        void aBatchIsAnsweredMessageByMessageInOrder(String version) {
            String batch = "[" + PING + ",{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                    + RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}").replace("\"id\":1", "\"id\":\"e\"") + ","
                    + RawMcpHttp.toolCall("count", "{\"key\":\"batch\"}").replace("\"id\":1", "\"id\":3") + "]";
            HttpResponse<String> response = version.isEmpty() ? raw.post(batch)
                    : raw.post(batch, "MCP-Protocol-Version", version);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThatJson(response.body()).inPath("[*].id").isEqualTo(List.of(1, "e", 3));
            assertThatJson(response.body()).inPath("[1].result.structuredContent.data.echo").isEqualTo("hi");
            assertThatJson(response.body()).inPath("[2].result.structuredContent.data.runs").isNumber();
        }

        @Test
        void aLaterVersionsClientMayNotBatch() {
            HttpResponse<String> response = raw.post("[" + PING + "]", "MCP-Protocol-Version", "2025-06-18");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(response.body()).inPath("error.message").asString()
                    .contains("batches are taken from clients of MCP 2025-03-26");
        }

        @Test
        void invalidMembersAndABatchedInitializeGetTheirOwnErrors() {
            HttpResponse<String> response = raw.post("[42, {\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"ping\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{}}, "
                    + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"nope\"}, " + PING + "]");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).isArray().hasSize(5);
            assertThatJson(response.body()).inPath("[*].error.code").isEqualTo(List.of(-32600, -32600, -32600,
                    -32601));
            assertThatJson(response.body()).inPath("[2].id").isEqualTo(3);
            assertThatJson(response.body()).inPath("[4].result").isEqualTo("{}");
            assertNoInternals(response.body());
        }

        @ParameterizedTest
        @ValueSource(strings = {"tru", "{\"a\" \"b\"}", "{\"jsonrpc\":\"2.0\",\"id\":\"\\uZZZZ\",\"method\":\"ping\"}"})
        void aBatchThatIsNotJsonIsOneParseErrorRevealingNothing(String member) {
            HttpResponse<String> response = raw.post("[" + PING + "," + member + "]");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
            assertNoInternals(response.body());
        }

        @Test
        void errorsCarryTheirRequestsIdsAndNotificationsAndResponsesAreNeverAnswered() {
            HttpResponse<String> response = raw.post("[{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"},"
                    + RawMcpHttp.toolCall("count", "{\"key\":\"unwritable\"}").replace("\"id\":1", "\"id\":8") + ","
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"nope/notification\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":9}]");
            HttpResponse<String> responses = raw.post("[{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":1,\"message\":\"x\"}}]");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("[*].id").isEqualTo(List.of(7, 8, 9));
            assertThatJson(response.body()).inPath("[*].error.code").isEqualTo(List.of(-32600, -32603, -32600));
            assertNoInternals(response.body());
            assertThat(responses.statusCode()).isEqualTo(202);
            assertThat(responses.body()).isEmpty();
        }

        @Test
        void aClientResponseIsTakenAloneAsInABatchAndAMalformedOneIsRefusedInBoth() {
            HttpResponse<String> alone = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"content\":{\"method\":\"card\"}}}");
            HttpResponse<String> aloneError = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}");
            HttpResponse<String> both = raw.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{},\"error\":{}}");
            HttpResponse<String> batched = raw.post("[{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{},\"error\":{}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":{},\"result\":{}}]");

            assertThat(alone.statusCode()).as(alone.body()).isEqualTo(202);
            assertThat(alone.body()).isEmpty();
            assertThat(aloneError.statusCode()).as(aloneError.body()).isEqualTo(202);
            assertThat(both.statusCode()).isEqualTo(400);
            assertThatJson(both.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(both.body()).inPath("error.message").asString()
                    .contains("not a JSON-RPC 2.0 response: a response holds either a result or an error");
            assertThatJson(both.body()).as("its id is one of the server's requests").inPath("id").isNull();
            assertThat(batched.statusCode()).isEqualTo(200);
            assertThatJson(batched.body()).inPath("[*].id").isEqualTo(java.util.Arrays.asList(null, null));
            assertThatJson(batched.body()).inPath("[*].error.code").isEqualTo(List.of(-32600, -32600));
            assertThatJson(batched.body()).inPath("[1].error.message").asString().contains("its id must be");
        }

        @Test
        void aBatchOfNotificationsIsAcceptedWithoutABodyAndEmptyOrOverlongOnesAreRefused() {
            HttpResponse<String> notifications = raw.post(
                    "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]");
            HttpResponse<String> empty = raw.post("[]");
            HttpResponse<String> overlong = raw.post("[" + String.join(",", java.util.Collections.nCopies(33, PING))
                    + "]");
            HttpResponse<String> malformed = raw.post("[" + PING + ",");

            assertThat(notifications.statusCode()).isEqualTo(202);
            assertThat(notifications.body()).isEmpty();
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThatJson(empty.body()).inPath("error.code").isEqualTo(-32600);
            assertThat(overlong.statusCode()).isEqualTo(400);
            assertThatJson(overlong.body()).inPath("error.message").asString().contains("at most 32");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThatJson(malformed.body()).inPath("error.code").isEqualTo(-32700);
        }
    }

    @Nested
    class ProtocolMisuse {

        @ParameterizedTest
        @ValueSource(strings = {"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", "not json at all", "", "  "})
        void aBodyThatIsNotJsonIsA400JsonRpcParseError(String body) {
            assertRefusedAsUnreadable(body, -32700, "Parse error");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"hello\": \"world\"}", "42", "null", " null ", "true", "\"ping\"",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", "{\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                    + "\"arguments\":{\"key\":\"v\"}}}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"jsonrpc\":\"2.0\"}}",
            "{\"id\":1,\"params\":{\"_meta\":{\"jsonrpc\":\"2.0\"}},\"method\":\"ping\",\"jsonrpc\":2}"})
        void jsonThatIsNotAMessageIsA400InvalidRequest(String body) {
            assertRefusedAsUnreadable(body, -32600, "Invalid message format");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"id\":1,\"method\":\"ping\",\"jsonrpc\":\"2.0\"}",
            "{\"json\\u0072pc\":\"\\u0032.0\",\"id\":1,\"method\":\"ping\"}"})
        void theVersionIsReadWhereverAndHoweverTheMessageWritesIt(String body) {
            HttpResponse<String> response = raw.post(body);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result").isEqualTo("{}");
        }

        /** Refused with {@code code}, a message starting with {@code message}, and nothing else. */
        private void assertRefusedAsUnreadable(String body, int code, String message) {
            HttpResponse<String> response = raw.post(body);
            // JSON-RPC 2.0 §5: the request's id when it could be read (all these bodies that have one say 1)
            String id = code != -32700 && body.replace(" ", "").matches("\\{.*\"id\":1[,}].*") ? "1" : "null";

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":"
                    + code + ",\"message\":\"${json-unit.any-string}\"}}");
            assertThatJson(response.body()).inPath("error.message").asString().startsWith(message);
            assertNoInternals(response.body());
        }

        @Test
        void requestsJettyRefusesGetAJsonRpcErrorNotAnHtmlPage() throws IOException {
            for (String request : List.of("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n",
                    "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                    "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Large: " + "x".repeat(20_000) + "\r\n\r\n")) {
                String answer;
                try (Socket socket = new Socket("127.0.0.1", host.port())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);

                assertThat(answer).as(request).matches("(?s)HTTP/1.1 4\\d\\d .*")
                        .containsIgnoringCase("content-type: application/json")
                        .containsIgnoringCase("connection: close");
                assertThatJson(body).inPath("error.code").isEqualTo(-32600);
                assertThatJson(body).inPath("id").isNull();
                assertNoInternals(body);
            }
        }

        @Test
        void unreadableParamsAreInvalidParamsNotAServerError() {
            Logger guarded = (Logger) LoggerFactory.getLogger(GuardedHandler.class);
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            logs.start();
            guarded.addAppender(logs);
            ch.qos.logback.classic.Level before = guarded.getLevel();
            guarded.setLevel(ch.qos.logback.classic.Level.DEBUG);
            try {
                HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"echo\",\"arguments\":[1]}}");

                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,"
                        + "\"message\":\"Invalid params for tools/call: the params object does not match the"
                        + " method\"}}");
                assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                        .filteredOn(line -> line.startsWith("Unreadable params")).as("on one line, as all lines")
                        .isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("\n"));
            } finally {
                guarded.detachAppender(logs);
                guarded.setLevel(before);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "null", "{}", "[\"tools/list\"]", "true"})
        void aMethodThatIsNoStringIsAnInvalidRequest(String method) {
            HttpResponse<String> first = raw.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":" + method + "}");
            HttpResponse<String> after = raw.post("{\"id\":2,\"method\":" + method + ",\"jsonrpc\":\"2.0\"}");

            for (HttpResponse<String> response : List.of(first, after)) {
                assertThat(response.statusCode()).isEqualTo(400);
                assertThatJson(response.body()).inPath("id").isEqualTo(2);
                assertThatJson(response.body()).inPath("error").isEqualTo(
                        "{\"code\":-32600,\"message\":\"Invalid Request: method must be a string\"}");
            }
        }

        @Test
        void unknownMethodIsMethodNotFound() {
            HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope/nothing\"}");

            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32601);
        }

        @Test
        void missingAcceptHeaderIsRejected() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                    "Accept", "application/json");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.message")
                    .isEqualTo("Both application/json and text/event-stream required in Accept header");
            assertThatJson(response.body()).inPath("error.code").as("not 'method not found'").isEqualTo(-32600);
            assertNoInternals(response.body());
        }

        @ParameterizedTest
        @ValueSource(strings = {"echo", "count"}) // count is a cached tool, answered by the fast path
        void theAcceptedMediaTypesAreReadInAnyCase(String tool) {
            String arguments = tool.equals("echo") ? "{\"text\":\"hi\"}" : "{\"key\":\"k\"}";
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall(tool, arguments),
                    "Accept", "Application/JSON, Text/Event-Stream");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result.isError").isEqualTo(false);
        }

        @ParameterizedTest
        @ValueSource(strings = {"echo", "count"}) // count is a cached tool: the fast path must refuse it alike
        void aBodyLabelledOtherThanJsonIsA415SayingWhatToSendNotAParseError(String tool) {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall(tool, "{}"), "Content-Type", "text/plain");

            assertThat(response.statusCode()).isEqualTo(415);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(response.body()).inPath("error.message").asString().contains("application/json");
        }

        @Test
        void unsupportedProtocolVersionHeaderIsA400ListingTheSupportedOnes() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                    "MCP-Protocol-Version", "1999-01-01");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.message").asString()
                    .startsWith("Unsupported MCP-Protocol-Version '1999-01-01'. Supported versions: ")
                    .contains("2025-06-18");
            assertThatJson(response.body()).inPath("id").as("the request's, which could be read").isEqualTo(1);
            HttpResponse<String> clientResponse = raw.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}",
                    "MCP-Protocol-Version", "1999-01-01");
            assertThat(clientResponse.statusCode()).isEqualTo(400);
            assertThatJson(clientResponse.body()).inPath("id").as("a response's id is one of the server's requests")
                    .isEqualTo(null);
        }

        @Test
        void aProtocolVersionOnTwoLinesIsNotTheFirstLineAlone() throws Exception {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + host.port() + "/mcp")).header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("MCP-Protocol-Version", "2025-06-18").header("MCP-Protocol-Version", "garbage")
                        .POST(HttpRequest.BodyPublishers.ofString(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}")))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(400);
                assertThatJson(response.body()).inPath("error.message").asString()
                        .startsWith("Unsupported MCP-Protocol-Version '2025-06-18, garbage'");
            }
        }

        @Test
        void initializeNegotiatesWhateverVersionItsHeaderNames() {
            // the Java SDK's client sends its newest version in the header of initialize too: the body negotiates
            String initialize = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2099-01-01\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

            HttpResponse<String> response = raw.post(initialize, "MCP-Protocol-Version", "2099-01-01");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result.protocolVersion").isString().startsWith("20");
            assertThat(raw.post(initialize.replace("initialize", "initialise"), "MCP-Protocol-Version", "2099-01-01")
                    .statusCode()).isEqualTo(400);
        }

        @Test
        void supportedProtocolVersionHeaderIsAccepted() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                    "MCP-Protocol-Version", "2025-06-18");

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void bodyOverTheLimitIsA413WithTheLimit() {
            String huge = RawMcpHttp.toolCall("echo", "{\"text\":\"" + "x".repeat(MAX_BYTES) + "\"}");

            HttpResponse<String> response = raw.post(huge);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThatJson(response.body()).inPath("error.message")
                    .isEqualTo("Request body too large: the limit is " + MAX_BYTES + " bytes");
        }

        @Test
        void aBodyWithAContentCodingIsA415() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\": \"hi\"}"),
                    "Content-Encoding", "gzip");

            assertThat(response.statusCode()).isEqualTo(415);
            assertThatJson(response.body()).inPath("error.message").asString().startsWith("Unsupported Media Type");
        }

        @Test
        void aDeclaredBodyOverTheLimitThatNeverComesGetsIts413WithoutWaitingForTheIdleTimeout() throws Exception {
            String request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + (MAX_BYTES * 2) + "\r\n\r\n{";
            try (Socket socket = new Socket("127.0.0.1", host.port())) {
                socket.setSoTimeout(10_000); // the server's idle timeout is 30 s
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));

                assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 413");
            }
        }

        @Test
        void aByteOrderMarkBeforeTheMessageIsIgnoredAsJsonAllows() {
            HttpResponse<String> response = raw.post("\uFEFF" + RawMcpHttp.toolCall("echo", "{\"text\": \"hi\"}"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("hi").doesNotContain("\"error\"");
        }

        @Test
        void aBodyTrickledInIsCutOffWithA408() throws Exception {
            String request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: 200\r\n\r\n{\"jsonrpc\":";
            try (Socket socket = new Socket("127.0.0.1", host.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.ofVirtual().start(() -> { // a space every 300 ms: each restarts the idle timeout of 75 s
                    try {
                        for (int i = 0; i < 100; i++) {
                            Thread.sleep(300);
                            out.write(' ');
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // closed by the server, or by the test
                    }
                });
                socket.setSoTimeout(15_000);

                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThatJson(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEqualTo("{\"jsonrpc\":\"2.0\","
                        + "\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Request timeout: the body did not"
                        + " arrive in time (at least 1024 bytes a second)\"}}");
                assertNoInternals(answer);
            }
            assertThat(raw.post(RawMcpHttp.toolCall("echo", "{\"text\": \"hi\"}")).statusCode())
                    .as("still serving").isEqualTo(200);
        }

        @Test
        void aBodyCutShortIsA400ParseErrorRevealingNothing() throws Exception {
            String request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\":";
            try (Socket socket = new Socket("127.0.0.1", host.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput(); // the client goes before sending what it announced

                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 400");
                assertThatJson(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
                assertNoInternals(answer);
            }
        }

        @Test
        void getOnTheMcpEndpointIsMethodNotAllowed() {
            HttpResponse<String> response = raw.get("/mcp");

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThatJson(response.body()).inPath("error.message").asString().contains("POST only");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":\"x\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":[]}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":[]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"cursor\":\"bogus\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{}}"})
        void aRequestWithoutTheParamsItsMethodNeedsOrWithACursorNeverGivenIsInvalidParams(String body) {
            HttpResponse<String> response = raw.post(body);

            assertThatJson(response.body()).inPath("id").isEqualTo(7);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32602);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                    + "\"arguments\":{\"key\":\"a\",\"key\":\"b\"}}}",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}]"})
        void aMemberNamedTwiceIsAParseErrorAsOnTheGatewayNotTheLastOneRead(String body) {
            HttpResponse<String> response = raw.post(body, "MCP-Protocol-Version", "2025-03-26");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error").isEqualTo(
                    "{\"code\":-32700,\"message\":\"Parse error: an object of the body names a member twice\"}");
        }

        @Test
        void aBodyThatIsNotUtf8IsAParseErrorNotReadAltered() {
            byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":\"a\u00e9\",\"method\":\"ping\"}"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // the é as one byte, 0xE9

            HttpResponse<String> response = raw.post(body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
        }

        @Test
        void anIdWithHalfASurrogatePairIsRefusedNotAnsweredAsAnotherId() {
            HttpResponse<String> refused = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"ping\"}");
            HttpResponse<String> paired = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":\"\\ud83d\\ude00\",\"method\":\"ping\"}");

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThatJson(refused.body()).inPath("error.code").isEqualTo(-32600);
            assertThat(paired.statusCode()).isEqualTo(200);
            assertThatJson(paired.body()).inPath("id").isEqualTo("\uD83D\uDE00");
        }

        @ParameterizedTest
        @ValueSource(strings = {"TRACE", "OPTIONS", "PATCH", "PUT", "DELETE"})
        void everyOtherMethodIsMethodNotAllowedAndNothingIsEchoed(String method) {
            HttpResponse<String> response = raw.send(method, "Authorization", "Bearer secret-token");

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThatJson(response.body()).inPath("error.message").asString().contains("POST only");
            assertThat(response.body()).doesNotContain("secret-token");
        }

        @Test
        void serverKeepsServingAfterEveryKindOfMisuse() {
            raw.post("garbage");
            raw.post("[]");
            HttpResponse<String> notARequest = raw.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}");

            assertThat(notARequest.statusCode()).isEqualTo(400);
            assertNoInternals(notARequest.body());

            assertThat(client.call("echo", Map.of("text", "ok")).isError()).isFalse();
        }
    }

    @Nested
    class DnsRebindingProtection {

        /** Writes {@code requests} on one connection and reads the answers' heads, in order. */
        private static List<String> exchange(String... requests) throws IOException {
            List<String> heads = new ArrayList<>();
            try (Socket socket = new Socket("127.0.0.1", host.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (String request : requests) {
                    out.write(request.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int c = in.read();
                        if (c < 0) {
                            heads.add(head.isEmpty() ? "closed" : head.toString());
                            return heads;
                        }
                        head.append((char) c);
                    }
                    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                    in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
                    heads.add(head.toString());
                }
            }
            return heads;
        }

        private static String post(String hostHeader, String body, boolean withBody) {
            return "POST /mcp HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + (withBody ? body : "");
        }

        @Test
        void aRefusedRequestKeepsTheConnectionUsableOrSaysItCloses() throws IOException {
            String call = RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}");

            List<String> heads = exchange(post("evil.example.com", call, true), post("127.0.0.1", call, true));

            assertThat(heads.get(0)).startsWith("HTTP/1.1 421");
            if (heads.get(1).equals("closed")) {
                assertThat(heads.get(0)).as("a connection is never closed silently")
                        .containsIgnoringCase("connection: close");
            } else {
                assertThat(heads.get(1)).startsWith("HTTP/1.1 200");
            }
        }

        @Test
        void aRefusedRequestWhoseBodyHasNotArrivedSaysTheConnectionCloses() throws IOException {
            String call = RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}");

            List<String> heads = exchange(post("evil.example.com", call, false));

            assertThat(heads.get(0)).startsWith("HTTP/1.1 421").containsIgnoringCase("connection: close");
        }

        @Test
        void foreignHostHeaderIsRejected() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                    "Host", "evil.example.com");

            assertThat(response.statusCode()).isEqualTo(421);
            assertThatJson(response.body()).inPath("error.message").isEqualTo("Host not allowed");
        }

        @Test
        void foreignOriginIsRejected() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                    "Origin", "http://evil.example.com");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThatJson(response.body()).inPath("error.message").isEqualTo("Origin not allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "DELETE", "PUT", "OPTIONS"})
        void foreignOriginIsRejectedWhateverTheMethod(String method) {
            HttpResponse<String> refused = raw.send(method, "Origin", "http://evil.example.com",
                    "MCP-Protocol-Version", "bogus");

            assertThat(refused.statusCode()).as("MCP 2025-11-25: 403 for an invalid Origin").isEqualTo(403);
            assertThatJson(refused.body()).inPath("error.message").isEqualTo("Origin not allowed");
            assertThat(raw.send(method).statusCode()).as("without an Origin").isEqualTo(405);
        }

        @Test
        void localOriginIsAccepted() {
            HttpResponse<String> response = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                    "Origin", "http://localhost:3000");

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Metrics {

        @Test
        void metricsCountAnswersAndToolRunsByOutcomeBesideTheJvmsOwn() {
            client.call("echo", Map.of("text", "metered"));
            client.call("echo", Map.of("text", "bad"));
            client.call("echo", Map.of("text", "boom"));

            HttpResponse<String> response = raw.get(McpServerHost.PROMETHEUS_PATH);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(response.body()).contains("mcp_server_requests_total{status=\"200\"}",
                    "mcp_server_tool_runs_seconds_count{outcome=\"success\",tool=\"echo\"}",
                    "mcp_server_tool_runs_seconds_count{outcome=\"refused\",tool=\"echo\"}",
                    "mcp_server_tool_runs_seconds_count{outcome=\"failed\",tool=\"echo\"}",
                    "jvm_memory_used_bytes{area=\"heap\"", "process_cpu_usage ", "process_files_open_files ");
        }

        @Test
        void metricsIsTheOriginalsJsonDocument() { // REFERENCE-SPEC 3.1, the reasoning server's
            HttpResponse<String> response = raw.get("/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            assertThatJson(response.body()).inPath("mcp_server_status").isEqualTo("running");
            var document = MAPPER.readTree(response.body());
            assertThat(document.get("tool_count").asInt()).isEqualTo(document.get("available_tools").size())
                    .isPositive();
            assertThatJson(response.body()).inPath("available_tools").isArray().contains("echo");
            assertThatJson(response.body()).inPath("server_type").isString().doesNotContain("-");
            assertThatJson(response.body()).inPath("timestamp").isString().endsWith("Z");
        }

        @Test
        void anAnswerFromTheResultCacheIsCountedButNoRun() {
            String before = raw.get(McpServerHost.PROMETHEUS_PATH).body();
            client.call("count", Map.of("key", "metrics"));
            client.call("count", Map.of("key", "metrics"));

            String after = raw.get(McpServerHost.PROMETHEUS_PATH).body();

            assertThat(sum(after, "mcp_server_tool_runs_seconds_count{", "outcome=\"success\"", "tool=\"count\"")
                    - sum(before, "mcp_server_tool_runs_seconds_count{", "outcome=\"success\"", "tool=\"count\""))
                    .isEqualTo(1.0);
            assertThat(sum(after, "mcp_server_requests_total{", "status=\"200\"")
                    - sum(before, "mcp_server_requests_total{", "status=\"200\""))
                    .as("both answers, the cached one too").isEqualTo(2.0);
        }

        /** The sum of the samples whose line starts with {@code family} and holds every label of {@code labels}. */
        private static double sum(String exposition, String family, String... labels) {
            return exposition.lines().filter(line -> line.startsWith(family)
                    && java.util.Arrays.stream(labels).allMatch(line::contains))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
    }

    @Nested
    class Health {

        @Test
        void healthReportsIdentityStatusAndDetails() {
            HttpResponse<String> response = raw.get("/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).isObject()
                    .containsEntry("status", "degraded")
                    .containsEntry("server", "test-server")
                    .containsEntry("version", "9.9.9")
                    .containsEntry("note", "testing");
        }

        @Test
        void aMethodOverrideHeaderDoesNotMakeADeleteAGet() throws Exception {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpRequest.Builder delete = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port()
                        + "/health")).method("DELETE", HttpRequest.BodyPublishers.noBody());
                int plain = http.send(delete.build(), HttpResponse.BodyHandlers.ofString()).statusCode();

                HttpResponse<String> overridden = http.send(delete.header("X-HTTP-Method-Override", "GET").build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(plain).isNotEqualTo(200);
                assertThat(overridden.statusCode()).isEqualTo(plain);
                assertThat(overridden.body()).doesNotContain("test-server");
            }
        }

        @Test
        void aWebSocketUpgradeIsServedAsThePlainRequestItAlsoIsWithoutASessionCookie() throws Exception {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + host.port() + "/health")).header("Sec-WebSocket-Version", "13")
                        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("test-server");
                assertThat(health.headers().map()).doesNotContainKey("set-cookie");
            }
        }

        @Test
        void unknownPathIsAJson404() {
            HttpResponse<String> response = raw.get("/nothing-here");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThatJson(response.body()).inPath("error").isEqualTo("Not found");
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST /health", "DELETE /metrics", "PUT /health", "POST /metrics/prometheus"})
        void aKnownPathAskedWithAnotherMethodIsAJson405NamingGet(String request) throws Exception {
            String[] methodAndPath = request.split(" ");
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + host.port() + methodAndPath[1]))
                        .method(methodAndPath[0], HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).contains("GET");
                assertThatJson(response.body()).isEqualTo("{\"error\": \"Method not allowed\", \"message\": \""
                        + methodAndPath[1] + " answers GET only\"}");
            }
        }
    }
}
