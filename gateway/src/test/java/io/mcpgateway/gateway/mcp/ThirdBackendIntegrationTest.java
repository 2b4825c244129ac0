package io.mcpgateway.gateway.mcp;

import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.HealthReport;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.mcpkit.ServerIdentity;
import io.mcpgateway.mcpkit.ToolDefinition;
import io.mcpgateway.mcpkit.ToolErrorTranslator;
import io.mcpgateway.mcpkit.ToolSchemas;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.testsupport.McpTestClient;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend that is not a restaurant server, configured next to ours: the gateway knows tools, not restaurants.
 * Its tool named like one of the reasoning server's is exposed under both backends' prefixes.
 */
@Timeout(120)
class ThirdBackendIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    /** An input schema that mirrors three arguments into headers, one of them in a nested object. */
    private static final Map<String, Object> ROUTED = Map.of("type", "object", "properties", Map.of(
            "region", Map.of("type", "string", "x-mcp-header", "Region"),
            "count", Map.of("type", "integer", "x-mcp-header", "Count"),
            "options", Map.of("type", "object", "properties", Map.of(
                    "zone", Map.of("type", "string", "x-mcp-header", "Zone")))));

    @AutoClose("shutdown")
    private static MockOAuth2Server oauth;
    @AutoClose
    private static McpServerHost weather;
    @AutoClose
    private static McpServerHost reasoning;
    @AutoClose
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        oauth = new MockOAuth2Server();
        oauth.start();
        weather = McpServerHost.start(McpServerConfig.local(0), new ServerIdentity("weather", "0.1", "Weather"),
                List.of(tool("forecast", args -> Map.of("city", args.raw("city"), "sky", "clear")),
                        tool("recommend_restaurants", args -> Map.of("from", "weather")),
                        new ToolDefinition(ToolSchemas.readOnlyTool("route", "route", "A tool whose arguments"
                                + " intermediaries route on (MCP 2026-07-28's x-mcp-header)", ROUTED,
                                Map.of("type", "object")),
                                args -> Map.of("region", String.valueOf(args.raw("region"))))),
                ToolErrorTranslator.NONE, () -> new HealthReport(HealthReport.Status.HEALTHY, Map.of()), MAPPER,
                Clock.systemUTC());
        reasoning = ReasoningServer.start(McpServerConfig.local(0), MAPPER, Clock.systemUTC());
        Path config = Files.createTempFile("gateway", ".yaml");
        Files.writeString(config, """
                auth: {issuer: "%s", client_ids: [tests]}
                backends:
                  - {name: weather, url: "http://127.0.0.1:%d"}
                  - {name: restaurant-reasoning, url: "http://127.0.0.1:%d"}
                routes: [{path: /api/v1/forecast, backend: weather, tool: forecast}]
                """.formatted(oauth.issuerUrl("default").toString().replaceAll("/$", ""), weather.port(),
                reasoning.port()));
        gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config), MAPPER,
                Clock.systemUTC());
        Files.delete(config);
    }

    private static ToolDefinition tool(String name, io.mcpgateway.mcpkit.ToolHandler handler) {
        return new ToolDefinition(ToolSchemas.readOnlyTool(name, name, "A weather tool",
                closedObject(properties("city", string("City")), List.of()), Map.of("type", "object")), handler);
    }

    private static McpTestClient client() {
        String token = oauth.issueToken("default", "carol", "tests", Map.of()).serialize();
        return McpTestClient.connect(gateway.port(), MAPPER, token);
    }

    @Test
    void toolsOfEveryBackendAreListedAndCollidingNamesArePrefixed() {
        try (McpTestClient client = client()) {
            assertThat(client.tools().keySet()).containsExactlyInAnyOrder("forecast", "route",
                    "restaurant-reasoning___recommend_restaurants", "weather___recommend_restaurants",
                    "analyze_restaurant_sentiment");
        }
    }

    @Test
    void callsReachTheBackendTheNameSays() {
        try (McpTestClient client = client()) {
            var forecast = client.call("forecast", Map.of("city", "Hong Kong"));
            var prefixed = client.call("weather___recommend_restaurants", Map.of());

            assertThatJson(forecast.structuredContent()).inPath("data.sky").isEqualTo("clear");
            assertThatJson(prefixed.structuredContent()).inPath("data.from").isEqualTo("weather");
        }
    }

    @Test
    void aBackendsRequiredScopesFilterItsToolsFromListingAndCalling() throws Exception {
        Path config = Files.createTempFile("gateway", ".yaml");
        Files.writeString(config, """
                auth: {issuer: "%s", client_ids: [tests]}
                backends:
                  - {name: weather, url: "http://127.0.0.1:%d", required_scopes: [weather.read]}
                  - {name: restaurant-reasoning, url: "http://127.0.0.1:%d"}
                routes: [{path: /api/v1/forecast, backend: weather, tool: forecast}]
                """.formatted(oauth.issuerUrl("default").toString().replaceAll("/$", ""), weather.port(),
                reasoning.port()));
        try (GatewayServer scoped = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config),
                MAPPER, Clock.systemUTC())) {
            Files.delete(config);
            String without = oauth.issueToken("default", "dave", "tests", Map.of()).serialize();
            String with = oauth.issueToken("default", "erin", "tests", Map.of("scope", "weather.read")).serialize();

            try (McpTestClient client = McpTestClient.connect(scoped.port(), MAPPER, without)) {
                assertThat(client.tools().keySet()).as("names still collide over every tool")
                        .containsExactlyInAnyOrder("restaurant-reasoning___recommend_restaurants",
                                "analyze_restaurant_sentiment");
            }
            HttpResponse<String> refused = RawMcpCall.post(scoped.port(), without,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"forecast\","
                            + "\"arguments\":{\"city\":\"Hong Kong\"}}}");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).contains("insufficient_scope", "weather.read"));
            HttpResponse<String> batch = RawMcpCall.post(scoped.port(), without, "[{\"jsonrpc\":\"2.0\",\"id\":1,"
                    + "\"method\":\"tools/call\",\"params\":{\"name\":\"analyze_restaurant_sentiment\","
                    + "\"arguments\":{\"restaurants\":[]}}},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"forecast\",\"arguments\":{\"city\":\"Hong Kong\"}}}]");
            assertThat(batch.statusCode()).as("a batch calling it is refused whole").isEqualTo(403);
            assertThat(batch.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).contains("insufficient_scope", "weather.read"));
            try (HttpClient http = HttpClient.newHttpClient()) {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scoped.port()
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(MAPPER.readTree(metrics).path("backends").toString()).as("before any of it ran")
                        .doesNotContain("analyze_restaurant_sentiment");
            }
            String listing = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
            assertThatJson(catalogue(scoped.port(), without, listing)).as("the original's catalogue view hides it too")
                    .inPath("result.tools").isArray().isEmpty();
            assertThatJson(catalogue(scoped.port(), with, listing)).inPath("result.tools[0].name")
                    .isEqualTo("forecast");
            try (McpTestClient client = McpTestClient.connect(scoped.port(), MAPPER, with)) {
                assertThat(client.tools().keySet()).contains("forecast", "weather___recommend_restaurants");
                assertThatJson(client.call("forecast", Map.of("city", "Hong Kong")).structuredContent())
                        .inPath("data.sky").isEqualTo("clear");
            }
        }
    }

    @Test
    void argumentsMirroredIntoHeadersMustSayWhatTheBodySays() throws Exception {
        String token = oauth.issueToken("default", "carol", "tests", Map.of()).serialize();
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        String call = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"route\","
                + "\"arguments\":{\"region\":\"us-west1\",\"count\":3,\"options\":{\"zone\":\"b\"}}," + meta + "}}";
        String withoutRegion = call.replace("\"region\":\"us-west1\",", "");

        HttpResponse<String> routed = RawMcpCall.modern(gateway.port(), token, call, "Mcp-Param-Region", "us-west1",
                "Mcp-Param-Count", "3.0", "Mcp-Param-Zone", "=?base64?Yg==?=");
        HttpResponse<String> unsent = RawMcpCall.modern(gateway.port(), token, withoutRegion,
                "Mcp-Param-Count", "3", "Mcp-Param-Zone", "b");
        HttpResponse<String> missing = RawMcpCall.modern(gateway.port(), token, call, "Mcp-Param-Count", "3",
                "Mcp-Param-Zone", "b");
        HttpResponse<String> otherRegion = RawMcpCall.modern(gateway.port(), token, call, "Mcp-Param-Region", "eu",
                "Mcp-Param-Count", "3", "Mcp-Param-Zone", "b");
        HttpResponse<String> otherCount = RawMcpCall.modern(gateway.port(), token, call,
                "Mcp-Param-Region", "us-west1", "Mcp-Param-Count", "4", "Mcp-Param-Zone", "b");
        HttpResponse<String> unbacked = RawMcpCall.modern(gateway.port(), token, withoutRegion,
                "Mcp-Param-Region", "us-west1", "Mcp-Param-Count", "3", "Mcp-Param-Zone", "b");
        HttpResponse<String> twoLines = RawMcpCall.modern(gateway.port(), token, call, "Mcp-Param-Region", "us-west1",
                "Mcp-Param-Region", "eu", "Mcp-Param-Count", "3", "Mcp-Param-Zone", "b");

        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(200);
        assertThatJson(routed.body()).inPath("result.structuredContent.data.region").isEqualTo("us-west1");
        assertThat(unsent.statusCode()).as("an argument not sent needs no header").isEqualTo(200);
        for (HttpResponse<String> refused : List.of(missing, otherRegion, otherCount, unbacked, twoLines)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThatJson(refused.body()).inPath("error.code").isEqualTo(-32020);
            assertThatJson(refused.body()).inPath("id").isEqualTo(5);
        }
        assertThatJson(missing.body()).inPath("error.message").asString().contains("Mcp-Param-Region", "missing");
        assertThatJson(otherCount.body()).inPath("error.message").asString().contains("'count'");
        assertThatJson(unbacked.body()).as("a header the body does not back").inPath("error.message").asString()
                .contains("not in the body");
    }

    /** POST /tools/mcp/tools/list with a bearer token: its answer's body. */
    private static String catalogue(int port, String token, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tools/mcp/tools/list"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    /** One JSON-RPC POST to a gateway's /mcp with a bearer token, to see the HTTP answer itself. */
    private static final class RawMcpCall {
        static HttpResponse<String> post(int port, String token, String message, String... headers)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(message));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try (HttpClient http = HttpClient.newHttpClient()) {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        }

        /** A tools/call of the "route" tool in MCP 2026-07-28, with the headers it mirrors and {@code more}. */
        static HttpResponse<String> modern(int port, String token, String message, String... more) throws Exception {
            List<String> headers = new java.util.ArrayList<>(List.of("MCP-Protocol-Version", "2026-07-28",
                    "Mcp-Method", "tools/call", "Mcp-Name", "route"));
            headers.addAll(List.of(more));
            return post(port, token, message, headers.toArray(String[]::new));
        }
    }
}
