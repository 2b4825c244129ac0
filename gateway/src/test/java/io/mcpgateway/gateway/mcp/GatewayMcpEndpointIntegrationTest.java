package io.mcpgateway.gateway.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.GatewayFixture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/** The gateway's own MCP endpoint, used by the MCP Java SDK client with a bearer token, and misused by hand. */
@Timeout(120)
class GatewayMcpEndpointIntegrationTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @AutoClose
    private static GatewayFixture system;
    @AutoClose("closeGracefully")
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        system = new GatewayFixture();
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + system.gateway.port())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(system.mapper))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + system.token()))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    private static tools.jackson.databind.JsonNode json(Object value) {
        return system.mapper.valueToTree(value);
    }

    private static HttpResponse<String> post(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept";
        all[1] = "application/json, text/event-stream";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return system.post("/mcp", body, all);
    }

    @Nested
    class ForAnAuthenticatedClient {

        @Test
        void listsTheToolsOfEveryBackendInNameOrderWithTheirSchemas() {
            List<McpSchema.Tool> tools = client.listTools().tools();

            assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("analyze_restaurant_sentiment",
                    "list_districts", "recommend_restaurants", "search_restaurants_by_district",
                    "search_restaurants_by_meal_type", "search_restaurants_combined");
            assertThat(tools).allSatisfy(t -> {
                assertThat(t.inputSchema()).isNotEmpty();
                assertThat(t.outputSchema()).isNotNull();
                assertThat(t.annotations().readOnlyHint()).isTrue();
            });
        }

        @Test
        void callsAToolOfEachBackend() {
            var search = client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_district",
                    Map.of("districts", List.of("Central district"), "limit", 2)));
            var analysis = client.callTool(new McpSchema.CallToolRequest("analyze_restaurant_sentiment",
                    Map.of("restaurants", List.of(Map.of("id", "a", "name", "A",
                            "sentiment", Map.of("likes", 3, "dislikes", 1, "neutral", 0))))));

            assertThat(search.isError()).isFalse();
            assertThatJson(search.structuredContent()).inPath("data.total_count").isEqualTo(63);
            assertThat(analysis.isError()).isFalse();
            assertThatJson(analysis.structuredContent()).inPath("data.sentiment_analysis.average_likes").isEqualTo(3.0);
        }

        @Test
        void aSearchTheRestRouteCachedWithoutItsTextCopyStillHasItOverMcp() {
            HttpResponse<String> rest = system.postWithToken("/api/v1/restaurants/search/district",
                    "{\"districts\":[\"Wan Chai\"],\"limit\":3}");
            // raw JSON-RPC: the SDK's client would make up a missing text item from the structured content
            HttpResponse<String> mcp = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"search_restaurants_by_district\","
                    + "\"arguments\":{\"districts\":[\"Wan Chai\"],\"limit\":3}}}",
                    "Authorization", "Bearer " + system.token());
            var search = system.mapper.readTree(mcp.body()).get("result");

            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(search.get("content")).hasSize(1);
            assertThatJson(search.at("/content/0/text").asString())
                    .isEqualTo(search.get("structuredContent").toString());
            assertThatJson(search.get("structuredContent").toString()).inPath("data.restaurants")
                    .isEqualTo(system.mapper.readTree(rest.body()).at("/data/restaurants").toString());
        }

        @Test
        void mealTypesAreReadInAnyCaseAndAWrongOneGetsTheToolsOwnMessage() {
            var anyCase = client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("LUNCH", " Dinner "), "limit", 1)));
            var lower = client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("lunch", "dinner"), "limit", 1)));
            var wrong = client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("brunch"))));

            assertThat(anyCase.isError()).isFalse();
            assertThatJson(anyCase.structuredContent()).inPath("data.total_count")
                    .isEqualTo(json(lower.structuredContent()).path("data").path("total_count").intValue());
            assertThat(wrong.isError()).isTrue();
            assertThatJson(wrong.structuredContent()).inPath("error.message")
                    .isEqualTo("Invalid meal types: ['brunch']. Valid meal types are: ['breakfast', 'lunch', 'dinner']");
            assertThatJson(wrong.structuredContent()).inPath("error.details.invalid_meal_types")
                    .isEqualTo(List.of("brunch"));
        }

        @Test
        void toolErrorsComeBackAsToolResults() {
            var unknownDistrict = client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_district",
                    Map.of("districts", List.of("Atlantis"))));
            var badArguments = client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_district",
                    Map.of("districts", "Central")));

            assertThat(unknownDistrict.isError()).isTrue();
            assertThatJson(unknownDistrict.structuredContent()).inPath("error.type").isEqualTo("ValidationError");
            assertThat(badArguments.isError()).isTrue();
            // the gateway's own refusals read like the tools' errors: the envelope as structured content and as text
            assertThatJson(((McpSchema.TextContent) badArguments.content().get(0)).text())
                    .isEqualTo(badArguments.structuredContent());
            assertThatJson(((McpSchema.TextContent) badArguments.content().get(0)).text()).inPath("error.message")
                    .asString().startsWith("Invalid arguments");
            assertThatJson(badArguments.structuredContent()).inPath("success").isEqualTo(false);
            assertThatJson(badArguments.structuredContent()).inPath("error.type").isEqualTo("ValidationError");
            assertThatJson(badArguments.structuredContent()).inPath("error.code").isEqualTo("SCHEMA_VIOLATION");
            assertThatJson(badArguments.structuredContent()).inPath("error").isObject()
                    .containsKeys("details", "request_id", "timestamp"); // the REST routes' error envelope
            assertThatJson(badArguments.structuredContent()).inPath("error.details.tool")
                    .isEqualTo("search_restaurants_by_district");
        }

        @Test
        void pingAnswers() {
            client.ping();
        }
    }

    @Nested
    class Protocol {

        private final String bearer = "Bearer " + system.token();

        @Test
        void unknownToolAndUnknownMethodAreJsonRpcErrors() {
            HttpResponse<String> tool = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"nope\"}}", "Authorization", bearer);
            HttpResponse<String> method = post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/list\"}",
                    "Authorization", bearer);

            assertThatJson(tool.body()).inPath("error.code").isEqualTo(-32602);
            assertThatJson(method.body()).inPath("error.code").isEqualTo(-32601);
        }

        @Test
        void aLongUnknownNameIsRepeatedOnlyInPart() {
            String name = "n".repeat(10_000);
            HttpResponse<String> tool = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"" + name + "\"}}", "Authorization", bearer);
            HttpResponse<String> method = post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"" + name + "\"}",
                    "Authorization", bearer);

            assertThatJson(tool.body()).inPath("error.message").asString()
                    .startsWith("Unknown tool: " + "n".repeat(200) + "...").hasSizeLessThan(400);
            assertThatJson(method.body()).inPath("error.message").asString()
                    .startsWith("Method not found: " + "n".repeat(200) + "...").hasSizeLessThan(500)
                    // what it does answer, in either revision
                    .endsWith("This gateway answers initialize, ping, tools/list and tools/call, and in MCP 2026-07-28"
                            + " (its MCP-Protocol-Version header) server/discover, tools/list, tools/call,"
                            + " subscriptions/listen");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", ",\"params\":\"x\"", ",\"params\":[]", ",\"params\":{}",
                ",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":[],\"clientInfo\":{}}",
                ",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}"})
        void anInitializeWithoutParamsIsInvalidParamsAsOnTheServers(String params) {
            HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"initialize\"" + params
                    + "}", "Authorization", bearer);

            assertThatJson(response.body()).inPath("id").isEqualTo(6);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32602);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"name\": null}", "{\"name\": 5}", "{\"arguments\": {}}"})
        void aCallNamingNoToolIsInvalidParamsSayingSoAsOnTheServers(String params) {
            HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\","
                    + "\"params\":" + params + "}", "Authorization", bearer);

            assertThatJson(response.body()).inPath("error").isEqualTo(
                    "{\"code\":-32602,\"message\":\"tools/call needs params.name, the tool's name\"}");
        }

        @Test
        void aToolsListCursorIsInvalidParamsSinceNoneIsGivenOut() {
            HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\","
                    + "\"params\":{\"cursor\":\"bogus\"}}", "Authorization", bearer);

            assertThatJson(response.body()).inPath("id").isEqualTo(5);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32602);
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "{\"a\":1}", "[1]", "true", "1.5"})
        void anIdThatIsNeitherAStringNorAnIntegerIsAnInvalidRequest(String id) {
            HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}",
                    "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                    + "\"message\":\"Invalid Request\",\"data\":{\"error_type\":\"InvalidRequest\","
                    + "\"detail\":\"id must be a string or an integer\"}}}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"districts\":[\"\\ud800\"]}", "{\"districts\":[\"Central\"],\"limit\":1e999}"})
        void argumentsJsonCannotCarryAreRefusedWithoutCallingTheBackend(String arguments) {
            HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"search_restaurants_by_district\",\"arguments\":" + arguments + "}}",
                    "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
            assertThatJson(response.body()).inPath("error.data.detail").asString()
                    .containsAnyOf("unpaired UTF-16 surrogate", "out of range");
            assertThat(client.callTool(new McpSchema.CallToolRequest("search_restaurants_by_district",
                    Map.of("districts", List.of("Central")))).isError()).isFalse();
        }

        @Test
        void initializeNegotiatesTheVersionAndNotificationsAreAccepted() {
            HttpResponse<String> init = post(INITIALIZE, "Authorization", bearer);
            HttpResponse<String> future = post(INITIALIZE.replace("2025-06-18", "2099-01-01"), "Authorization", bearer);
            HttpResponse<String> notification = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "Authorization", bearer);

            assertThatJson(init.body()).inPath("result.protocolVersion").isEqualTo("2025-06-18");
            assertThatJson(future.body()).inPath("result.protocolVersion").isEqualTo("2025-11-25");
            assertThat(notification.statusCode()).isEqualTo(202);
            assertThat(notification.headers().firstValue("Content-Type")).isEmpty();
            assertThat(notification.body()).isEmpty();
        }

        @Test
        void unsupportedProtocolVersionHeaderIsA400() {
            HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                    "Authorization", bearer, "MCP-Protocol-Version", "1.0");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.message").asString().contains("Supported versions");
            assertThatJson(response.body()).inPath("id").as("the request's id, which could be read").isEqualTo(2);
            // MCP 2026-07-28's error, which tells a client of both eras that this server speaks them
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32022);
            assertThatJson(response.body()).inPath("error.data.requested").isString().isEqualTo("1.0");
            assertThatJson(response.body()).inPath("error.data.supported")
                    .isEqualTo(List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"));
        }

        @Test
        void initializeNegotiatesWhateverVersionItsHeaderNames() {
            // the Java SDK's client sends its newest version in the header of initialize too: the body negotiates
            HttpResponse<String> response = post(INITIALIZE, "Authorization", bearer,
                    "MCP-Protocol-Version", "2099-01-01");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result.protocolVersion").isEqualTo("2025-06-18");
        }

        @Test
        void foreignHostOrOriginIsRefusedBeforeAnythingElse() {
            try (CapturedLogs access = CapturedLogs.of("access").atLevel(ch.qos.logback.classic.Level.INFO)) {
                assertThat(post(INITIALIZE, "Host", "evil.example.com").statusCode()).isEqualTo(421);
                assertThat(post(INITIALIZE, "Origin", "https://evil.example.com").statusCode()).isEqualTo(403);
                assertThat(system.send(HttpRequest.newBuilder(system.url("/mcp")).GET()).statusCode()).isEqualTo(405);

                // written once each request has ended, which may be just after its client read the answer
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(access.events()).extracting(ILoggingEvent::getFormattedMessage).as("the reason")
                                .anySatisfy(line -> assertThat(line).contains(" 421 ").contains("HOST_NOT_ALLOWED"))
                                .anySatisfy(line -> assertThat(line).contains(" 403 ").contains("ORIGIN_NOT_ALLOWED"))
                                .anySatisfy(line -> assertThat(line).contains(" 405 ").contains("METHOD_NOT_ALLOWED")));
                // each line names the error's type as well as its code, as the envelope would
                assertThat(access.events()).extracting(e -> e.getMDCPropertyMap().get("error_type"))
                        .contains("MisdirectedRequestError", "AuthorizationError", "MethodNotAllowedError");
                assertThat(access.events()).filteredOn(e -> "405".equals(e.getMDCPropertyMap().get("status")))
                        .extracting(e -> e.getMDCPropertyMap().get("route")).as("not unmatched").containsOnly("/mcp");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "DELETE", "PUT", "HEAD"})
        void aForeignOriginIsRefusedWhateverTheMethod(String method) {
            HttpResponse<String> refused = system.send(java.net.http.HttpRequest.newBuilder(system.url("/mcp"))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example.com"));
            HttpResponse<String> allowed = system.send(java.net.http.HttpRequest.newBuilder(system.url("/mcp"))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));

            assertThat(refused.statusCode()).as("MCP 2025-11-25: 403 for an invalid Origin").isEqualTo(403);
            assertThat(allowed.statusCode()).isEqualTo(405);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://localhost:3000.evil.com", "http://localhost:3000@evil.com",
                "http://localhost:abc", "http://localhost:3000, http://evil.com", "http://localhost:3000/path"})
        void anOriginThatIsNotOneOriginIsRefusedThoughItBeginsAsAnAllowedOne(String origin) {
            assertThat(post(INITIALIZE, "Authorization", bearer, "Origin", origin).statusCode()).isEqualTo(403);
        }

        @Test
        void anOriginOrAVersionOnTwoLinesIsNotTheFirstLinesAlone() {
            assertThat(post(INITIALIZE, "Authorization", bearer, "Origin", "http://localhost:3000").statusCode())
                    .isEqualTo(200);
            assertThat(post(INITIALIZE, "Authorization", bearer, "Origin", "http://localhost:3000",
                    "Origin", "https://evil.example.com").statusCode()).isEqualTo(403);
            assertThat(post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "Authorization", bearer,
                    "MCP-Protocol-Version", "2025-03-26", "MCP-Protocol-Version", "2025-06-18").statusCode())
                    .isEqualTo(400);
        }

        @Test
        void everyMethodButPostIsNotAllowedAndSaysSo() {
            for (String method : new String[] {"GET", "DELETE", "PUT", "PATCH", "PROPFIND"}) {
                HttpResponse<String> response = system.send(HttpRequest.newBuilder(system.url("/mcp"))
                        .method(method, HttpRequest.BodyPublishers.noBody()));

                assertThat(response.statusCode()).as(method).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as(method).hasValue("POST");
                // a JSON-RPC error, as /mcp's other refusals of a request's form and our MCP servers' 405
                assertThatJson(response.body()).as(method).inPath("error.code").isEqualTo(-32600);
                assertThatJson(response.body()).as(method).inPath("error.message").asString().contains("POST");
                assertThat(response.headers().firstValue("X-Request-ID")).as(method).isPresent();
            }
        }

        @Test
        void anAcceptThatRulesOutJsonIs406AndNoAcceptIsFine() {
            HttpResponse<String> html = system.post("/mcp", INITIALIZE, "Authorization", bearer, "Accept", "text/html");
            HttpResponse<String> none = system.post("/mcp", INITIALIZE, "Authorization", bearer);

            assertThat(html.statusCode()).isEqualTo(406);
            assertThatJson(html.body()).inPath("error.data.detail").asString().contains("application/json");
            assertThat(none.statusCode()).isEqualTo(200);
        }

        @Test
        void anAcceptOnTwoLinesIsReadAsOneList() {
            HttpResponse<String> response = system.post("/mcp", INITIALIZE, "Authorization", bearer,
                    "Accept", "text/event-stream", "Accept", "application/json");

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"jsonrpc\":", "", " \n"})
        void aBodyThatIsNotJsonIsA400JsonRpcParseErrorWithoutInternals(String body) {
            HttpResponse<String> response = post(body, "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("jsonrpc").isString().isEqualTo("2.0");
            assertThatJson(response.body()).inPath("id").isNull();
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
            assertThatJson(response.body()).inPath("error.message").isEqualTo("Parse error");
            assertThat(response.body()).doesNotContain("Exception", "\tat ", "StreamReadConstraints");
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "\"ping\"",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}"})
        void jsonThatIsNotARequestObjectIsA400InvalidRequest(String body) {
            HttpResponse<String> response = post(body, "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(response.body()).inPath("error.data.detail").isString().isNotEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"x\"", "[1]", "5", "true"})
        void paramsThatAreNoObjectAreInvalidParamsWhateverTheMethodAsOnTheServers(String params) {
            // JSON-RPC: params are structured; MCP: an object for every method. Null counts as left out.
            for (String method : List.of("ping", "tools/list", "tools/call", "initialize")) {
                HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                        + "\",\"params\":" + params + "}", "Authorization", bearer);

                assertThatJson(response.body()).as(method).inPath("id").isEqualTo(7);
                assertThatJson(response.body()).as(method).inPath("error").isEqualTo(
                        "{\"code\":-32602,\"message\":\"Invalid params: params must be a JSON object\"}");
            }
            assertThatJson(post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":null}", "Authorization",
                    bearer).body()).inPath("result").isEqualTo("{}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "\"x\"", "[]"})
        void aMetaThatIsNoObjectIsInvalidParamsWhateverTheMethodAsOnTheServers(String meta) {
            for (String method : List.of("ping", "tools/list", "tools/call")) {
                HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                        + "\",\"params\":{\"name\":\"list_districts\",\"_meta\":" + meta + "}}", "Authorization",
                        bearer);

                assertThatJson(response.body()).as(method).inPath("error").isEqualTo(
                        "{\"code\":-32602,\"message\":\"Invalid params: params._meta must be a JSON object\"}");
            }
        }
    }

    /** JSON-RPC batches: MCP 2025-03-26 says servers must take them, 2025-06-18 removed them. */
    @Nested
    class Batches {

        private static final String SEARCH = "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"search_restaurants_by_district\","
                + "\"arguments\":{\"districts\":[\"Central district\"],\"limit\":2}}}";

        private final String bearer = "Bearer " + system.token();

        @ParameterizedTest
        @ValueSource(strings = {"", "2025-03-26"})
        void aBatchFromA20250326ClientIsAnsweredInOrderWithoutItsNotifications(String version) {
            String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}," + SEARCH + ","
                    + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}]";
            HttpResponse<String> response = version.isEmpty() ? post(batch, "Authorization", bearer)
                    : post(batch, "Authorization", bearer, "MCP-Protocol-Version", version);
            HttpResponse<String> alone = post(SEARCH, "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThatJson(response.body()).isArray().hasSize(3);
            assertThatJson(response.body()).inPath("[*].id").isEqualTo(List.of(1, "s", 3));
            assertThatJson(response.body()).inPath("[0].result").isEqualTo(Map.of());
            assertThatJson(response.body()).inPath("[1].result.structuredContent.data.restaurants")
                    .isEqualTo(system.mapper.readTree(alone.body()).at("/result/structuredContent/data/restaurants")
                            .toString());
            assertThatJson(response.body()).inPath("[2].result.tools").isArray().hasSize(6);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-06-18", "2025-11-25"})
        void aClientOfALaterVersionMayNotBatch(String version) {
            HttpResponse<String> response = post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
                    "Authorization", bearer, "MCP-Protocol-Version", version);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("id").isNull();
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(response.body()).inPath("error.data.detail").asString()
                    .contains("not part of MCP " + version, "one message per request");
        }

        @Test
        void aBatchOfNotificationsAndResponsesIsAcceptedWithoutABody() {
            HttpResponse<String> response = post("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{}}]", "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.headers().firstValue("Content-Type")).isEmpty();
            assertThat(response.body()).isEmpty();
        }

        @Test
        void aMalformedClientResponseIsAnInvalidRequest() {
            for (String body : List.of("{\"error\":1}", "{\"jsonrpc\":\"1.0\",\"id\":1,\"result\":{}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":{},\"result\":{}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}")) {
                HttpResponse<String> response = post(body, "Authorization", bearer);

                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThatJson(response.body()).as(body).inPath("error.code").isEqualTo(-32600);
                assertThatJson(response.body()).inPath("error.data.detail").asString()
                        .startsWith("Not a JSON-RPC 2.0 response: ");
                assertThatJson(response.body()).as("its id is one of the server's requests").inPath("id").isNull();
            }
            assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"no\"}}",
                    "Authorization", bearer).statusCode()).as("a well-formed one").isEqualTo(202);
        }

        @Test
        void anEmptyOrOverlongBatchIsRefusedWhole() {
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
            HttpResponse<String> empty = post("[]", "Authorization", bearer);
            HttpResponse<String> overlong = post("[" + String.join(",", java.util.Collections.nCopies(33, ping)) + "]",
                    "Authorization", bearer);
            HttpResponse<String> longest = post("[" + String.join(",", java.util.Collections.nCopies(32, ping)) + "]",
                    "Authorization", bearer);

            assertThat(empty.statusCode()).isEqualTo(400);
            assertThatJson(empty.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(empty.body()).inPath("error.data.detail").asString().contains("empty batch");
            assertThat(overlong.statusCode()).isEqualTo(400);
            assertThatJson(overlong.body()).inPath("error.data.detail").asString().contains("at most 32", "has 33");
            assertThat(longest.statusCode()).isEqualTo(200);
            assertThatJson(longest.body()).isArray().hasSize(32);
        }

        @Test
        void invalidMessagesAndABatchedInitializeGetTheirOwnErrorsAndTheRestIsAnswered() {
            HttpResponse<String> response = post("[42, {\"jsonrpc\":\"1.0\",\"id\":\"old\",\"method\":\"ping\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}," + INITIALIZE + ","
                    + "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/list\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}]", "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("[*].id").isEqualTo(java.util.Arrays.asList(null, "old", null, 1,
                    5, 6));
            assertThatJson(response.body()).inPath("[*].error.code").isEqualTo(List.of(-32600, -32600, -32600,
                    -32600, -32601));
            assertThatJson(response.body()).inPath("[3].error.data.detail").asString()
                    .contains("initialize must not be part of a JSON-RPC batch");
            assertThatJson(response.body()).inPath("[5].result").isEqualTo(Map.of());
        }

        @Test
        void aBatchOfInvalidMessagesOnlyIsAnArrayOfTheirErrors() {
            HttpResponse<String> response = post("[[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}], 7, null]",
                    "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("[*].error.code").isEqualTo(List.of(-32600, -32600, -32600));
            assertThatJson(response.body()).inPath("[*].id").isEqualTo(java.util.Arrays.asList(null, null, null));
        }

        @Test
        void aBatchedToolCallWithoutAnIdIsANotificationAndNotRun() {
            long before = searchCalls();
            HttpResponse<String> response = post("[" + SEARCH.replace("\"id\":\"s\",", "") + ","
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":\"not an object\"}]",
                    "Authorization", bearer);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).isArray().hasSize(1);
            assertThatJson(response.body()).inPath("[0].error.code").isEqualTo(-32602); // params.name missing
            assertThat(searchCalls()).isEqualTo(before);
        }

        @Test
        void aBatchGetsTheHostOriginAndSizeChecksOfAnyRequest() {
            String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]";

            assertThat(post(batch, "Authorization", bearer, "Origin", "https://evil.example.com").statusCode())
                    .isEqualTo(403);
            assertThat(post(batch, "Authorization", bearer, "Host", "evil.example.com").statusCode()).isEqualTo(421);
            HttpResponse<String> tooLarge = post("[" + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                    .repeat(60_000) + "1]", "Authorization", bearer);
            assertThat(tooLarge.statusCode()).as("over max_request_bytes, 2 MB").isEqualTo(413);
            assertThatJson(tooLarge.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(tooLarge.body()).inPath("error.data.detail").asString().contains("too large");
            assertThat(post(batch, "Authorization", bearer).statusCode()).as("the connection still serves")
                    .isEqualTo(200);
        }

        @Test
        void aBatchAnswerIsGzippedForAClientThatAcceptsIt() throws Exception {
            HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    system.url("/mcp"))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("Accept-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + SEARCH.replace("\"limit\":2", "\"limit\":50")
                            + "]")).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThatJson(body).inPath("[0].result.structuredContent.data.count").isEqualTo(50);
            }
        }

        private long searchCalls() {
            long calls = 0;
            for (var call : system.mapper.readTree(system.get("/metrics").body()).path("backends")) {
                if (call.path("tool").asString("").equals("search_restaurants_by_district")) {
                    calls += call.path("count").asLong();
                }
            }
            return calls;
        }

        @Test
        void aBatchNeedsATokenAndItsBodyTheUsualChecks() {
            HttpResponse<String> anonymous = post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
            HttpResponse<String> unpaired = post("[{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"ping\"}]",
                    "Authorization", bearer);

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(unpaired.statusCode()).isEqualTo(400);
            assertThatJson(unpaired.body()).inPath("error.code").isEqualTo(-32700);
        }
    }

    @Nested
    class Authorization {

        @Test
        void missingTokenIsChallengedWithTheResourceMetadata() {
            HttpResponse<String> response = post(INITIALIZE);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mcp-tools-gateway\","
                    + " resource_metadata=\"http://127.0.0.1:" + system.gateway.port()
                    + "/.well-known/oauth-protected-resource/mcp\"");
        }

        @Test
        void badTokenIsChallengedWithTheReasonAndTheResourceMetadata() {
            HttpResponse<String> response = post(INITIALIZE, "Authorization", "Bearer junk");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .contains("error=\"invalid_token\"").contains("resource_metadata=");
        }

        @Test
        void protectedResourceMetadataNamesTheIssuer() {
            for (String path : List.of("/.well-known/oauth-protected-resource",
                    "/.well-known/oauth-protected-resource/mcp")) {
                HttpResponse<String> response = system.get(path);

                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).inPath("resource")
                        .isEqualTo("http://127.0.0.1:" + system.gateway.port() + "/mcp");
                assertThatJson(response.body()).inPath("authorization_servers").isArray().containsExactly(system.issuer());
                assertThatJson(response.body()).inPath("bearer_methods_supported").isArray().containsExactly("header");
                assertThat(response.headers().allValues("Vary")).contains("Host", "Accept-Encoding");
            }
        }

        @Test
        void protectedResourceMetadataIsNotWrittenForAForeignHost() {
            HttpResponse<String> response = system.get("/.well-known/oauth-protected-resource", "Host",
                    "evil.example.com");

            assertThat(response.statusCode()).isEqualTo(421);
            assertThat(response.body()).doesNotContain("evil.example.com");
            assertThatJson(response.body()).inPath("success").isEqualTo(false); // the REST envelope: not JSON-RPC here
            assertThatJson(response.body()).inPath("error.code").isEqualTo("HOST_NOT_ALLOWED");
        }
    }
}
