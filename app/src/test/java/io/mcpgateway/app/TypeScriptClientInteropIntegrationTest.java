package io.mcpgateway.app;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchServer;
import io.mcpgateway.testsupport.TestDataSets;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both MCP servers driven by the official MCP TypeScript SDK client ({@code interop/ts-client/client.mjs}), so a
 * client written by someone else, in another language, can initialise, list the tools and call them.
 * Skips, with the reason printed, when {@code node} is not on the PATH or {@code npm ci} has not been run.
 */
@Timeout(180)
class TypeScriptClientInteropIntegrationTest {

    /** The newest protocol version the pinned SDK client offers; both servers should accept it. */
    private static final String NEWEST_PROTOCOL_VERSION = "2025-11-25";
    private static final long CLIENT_TIMEOUT_SECONDS = 60;
    private static final JsonMapper MAPPER = Json.newMapper();

    @TempDir
    static Path scratch;

    private static Path clientDir;
    private static McpServerHost search;
    private static McpServerHost reasoning;
    private static DevIdentityProvider idp;
    private static GatewayServer gateway;
    private static List<Map<String, Object>> centralRestaurants;
    private static String searchListing;
    private static String reasoningListing;

    @BeforeAll
    static void startServersAndListTheirTools() {
        clientDir = findClientDirectory();
        String node = ExternalProcess.nodeVersion();
        ExternalProcess.skipUnless(node != null,
                "`node` is not on the PATH; the TypeScript SDK client needs Node.js 20+");
        ExternalProcess.skipUnless(Files.isDirectory(clientDir.resolve("node_modules/@modelcontextprotocol/sdk")),
                "the TypeScript client's packages are not installed; run `cd " + clientDir + " && npm ci`");

        DataSet dataSet = new DataSetLoader(MAPPER, Clock.systemUTC()).load(new DirectoryDataSource(TestDataSets.hongKong()));
        var central = dataSet.catalog().byExactName("Central district").orElseThrow();
        centralRestaurants = MAPPER.convertValue(dataSet.restaurantsOf(central),
                new TypeReference<List<Map<String, Object>>>() { });
        search = SearchServer.start(McpServerConfig.local(0), dataSet, PageRequest.DEFAULT_MAX_PAGE_SIZE, MAPPER,
                Clock.systemUTC());
        reasoning = ReasoningServer.start(McpServerConfig.local(0), MAPPER, Clock.systemUTC());

        searchListing = runClient(search, List.of());
        reasoningListing = runClient(reasoning, List.of());
        idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), Clock.systemUTC(), MAPPER);
        gateway = GatewayServer.start(new ConfigLoader(Map.of("OIDC_ISSUER_URL", idp.issuer(),
                "OIDC_CLIENT_IDS", DevIdpConfig.DEFAULT_CLIENT_ID,
                "MCP_SEARCH_SERVER_URL", "http://127.0.0.1:" + search.port(),
                "MCP_REASONING_SERVER_URL", "http://127.0.0.1:" + reasoning.port(), "GATEWAY_PORT", "0")).load(null),
                MAPPER, Clock.systemUTC());
    }

    @AfterAll
    static void stopServers() {
        if (gateway != null) {
            gateway.close();
        }
        if (idp != null) {
            idp.close();
        }
        if (search != null) {
            search.close();
        }
        if (reasoning != null) {
            reasoning.close();
        }
    }

    @Test
    void throughTheGatewaysMcpEndpointWithABearerTokenTheClientSeesAndCallsEveryBackendsTools() {
        String token = idp.issueAccessToken(DevIdpConfig.DEFAULT_CLIENT_ID, List.of("restaurants/read"),
                java.time.Duration.ofMinutes(5));
        String report = runClient("http://127.0.0.1:" + gateway.port() + "/mcp", token, List.of(
                call("search_restaurants_by_district", Map.of("districts", List.of("Central district"), "limit", 1)),
                call("analyze_restaurant_sentiment", Map.of("restaurants", centralRestaurants.subList(0, 2)))));

        assertThatJson(report).inPath("tools").isArray().hasSize(6).contains("list_districts", "recommend_restaurants");
        assertThatJson(report).inPath("serverInfo.name").isEqualTo("mcp-tools-gateway");
        assertThatJson(report).inPath("calls[0].structuredContent.data.total_count").isEqualTo(63);
        assertThatJson(report).inPath("calls[1].isError").isEqualTo(false);
        assertThatJson(report).inPath("calls[1].structuredContent.data.restaurant_count").isEqualTo(2);
    }

    @Test
    void withClientCredentialsTheClientFindsTheIssuerFromTheGatewaysRefusalAndGetsItsOwnToken() {
        String report = runClient("http://127.0.0.1:" + gateway.port() + "/mcp",
                Map.of("MCP_CLIENT_ID", DevIdpConfig.DEFAULT_CLIENT_ID, "MCP_CLIENT_SECRET",
                        DevIdpConfig.DEFAULT_CLIENT_SECRET),
                List.of(call("search_restaurants_by_district", Map.of("districts", List.of("Central district"),
                        "limit", 1))));

        assertThatJson(report).inPath("tools").isArray().hasSize(6);
        assertThatJson(report).inPath("calls[0].structuredContent.data.total_count").isEqualTo(63);
    }

    @Test
    void theTypeScriptClientSeesAllFourSearchTools() {
        assertThatJson(searchListing).inPath("tools").isArray().containsExactlyInAnyOrder(
                "search_restaurants_by_district", "search_restaurants_by_meal_type", "search_restaurants_combined",
                "list_districts");
        assertThatJson(searchListing).inPath("serverInfo.name").isEqualTo("restaurant-search-mcp");
    }

    @Test
    void theTypeScriptClientSeesBothReasoningTools() {
        assertThatJson(reasoningListing).inPath("tools").isArray()
                .containsExactlyInAnyOrder("recommend_restaurants", "analyze_restaurant_sentiment");
        assertThatJson(reasoningListing).inPath("serverInfo.name").isEqualTo("restaurant-reasoning-mcp");
    }

    @Test
    void bothServersAgreeToTheNewestProtocolVersionTheTypeScriptClientOffers() {
        assertThatJson(searchListing).inPath("protocolVersion").isEqualTo(NEWEST_PROTOCOL_VERSION);
        assertThatJson(reasoningListing).inPath("protocolVersion").isEqualTo(NEWEST_PROTOCOL_VERSION);
        assertThatJson(searchListing).inPath("capabilities.tools").isObject();
        assertThatJson(reasoningListing).inPath("capabilities.tools").isObject();
    }

    @Test
    void searchingCentralDistrictReturnsIts63RestaurantsAsStructuredContentAndAsText() {
        String report = runClient(search,
                List.of(call("search_restaurants_by_district", Map.of("districts", List.of("Central district")))));

        assertThatJson(report).inPath("calls[0].isError").isEqualTo(false);
        assertThatJson(report).inPath("calls[0].structuredContent.success").isEqualTo(true);
        assertThatJson(report).inPath("calls[0].structuredContent.data.total_count").isEqualTo(63);
        assertThatJson(report).inPath("calls[0].structuredContent.data.restaurants").isArray().isNotEmpty();
        JsonNode result = MAPPER.readTree(report).at("/calls/0");
        assertThatJson(result.get("text").asString()).withTolerance(0.0)
                .isEqualTo(result.get("structuredContent").toString());
    }

    @Test
    void recommendingTwoCentralRestaurantsPicksOneOfThemAsTheTopRecommendation() {
        List<Map<String, Object>> two = centralRestaurants.subList(0, 2);
        String report = runClient(reasoning, List.of(call("recommend_restaurants",
                Map.of("restaurants", two, "ranking_method", "sentiment_likes"))));

        assertThatJson(report).inPath("calls[0].isError").isEqualTo(false);
        assertThatJson(report).inPath("calls[0].structuredContent.success").isEqualTo(true);
        assertThatJson(report).inPath("calls[0].structuredContent.data.ranking_method").isEqualTo("sentiment_likes");
        assertThatJson(report).inPath("calls[0].structuredContent.data.recommendation.rank").isEqualTo(1);
        assertThatJson(report).inPath("calls[0].structuredContent.data.recommendation.id").isString()
                .isIn(two.get(0).get("id"), two.get(1).get("id"));
        assertThatJson(report).inPath("calls[0].structuredContent.data.candidates[*].id").isArray()
                .containsExactlyInAnyOrder(two.get(0).get("id"), two.get(1).get("id"));
    }

    @Test
    void analysingTheSentimentOfTwoCentralRestaurantsCountsBoth() {
        String report = runClient(reasoning, List.of(call("analyze_restaurant_sentiment",
                Map.of("restaurants", centralRestaurants.subList(0, 2)))));

        assertThatJson(report).inPath("calls[0].isError").isEqualTo(false);
        assertThatJson(report).inPath("calls[0].structuredContent.success").isEqualTo(true);
        assertThatJson(report).inPath("calls[0].structuredContent.data.sentiment_analysis.restaurant_count")
                .isEqualTo(2);
    }

    @Test
    void anUnknownDistrictComesBackAsAToolErrorWithAValidationMessageNotAsAProtocolError() {
        String report = runClient(search,
                List.of(call("search_restaurants_by_district", Map.of("districts", List.of("Atlantis")))));

        assertThatJson(report).inPath("calls[0].isError").isEqualTo(true);
        assertThatJson(report).inPath("calls[0].structuredContent.success").isEqualTo(false);
        assertThatJson(report).inPath("calls[0].structuredContent.error.type").isEqualTo("ValidationError");
        assertThatJson(report).inPath("calls[0].structuredContent.error.message").isString().contains("Atlantis");
        assertThatJson(report).inPath("calls[0].text").isString().contains("ValidationError");
    }

    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("name", tool, "arguments", arguments);
    }

    /**
     * Runs the TypeScript client against one server with the given tool calls and returns its JSON report, after
     * checking that it exited cleanly and that its transport saw no errors.
     */
    private static String runClient(McpServerHost server, List<Map<String, Object>> calls) {
        return runClient("http://127.0.0.1:" + server.port() + "/mcp", Map.of(), calls);
    }

    private static String runClient(String url, String bearerToken, List<Map<String, Object>> calls) {
        return runClient(url, bearerToken == null ? Map.of() : Map.of("MCP_BEARER_TOKEN", bearerToken), calls);
    }

    /** @param env how the client authorizes: MCP_BEARER_TOKEN, or MCP_CLIENT_ID and MCP_CLIENT_SECRET */
    private static String runClient(String url, Map<String, String> env, List<Map<String, Object>> calls) {
        String plan = MAPPER.writeValueAsString(Map.of("calls", calls, "timeoutMs", 30_000));
        ProcessBuilder builder = new ProcessBuilder("node", "client.mjs", url, plan).directory(clientDir.toFile());
        builder.environment().putAll(env);
        ExternalProcess run = ExternalProcess.run(builder, Duration.ofSeconds(CLIENT_TIMEOUT_SECONDS), scratch);
        assertThat(run.finished()).as("the TypeScript client finished within %ds; stderr: %s",
                CLIENT_TIMEOUT_SECONDS, run.stderr()).isTrue();
        assertThat(run.exitCode()).as("the TypeScript client's exit status; stderr: %s", run.stderr()).isZero();
        assertThatJson(run.stdout()).inPath("transportErrors").as("transport errors the client reported").isArray()
                .isEmpty();
        return run.stdout();
    }

    /** {@code interop/ts-client} of the checkout. */
    private static Path findClientDirectory() {
        return ExternalProcess.checkoutDirectory("interop/ts-client", "client.mjs");
    }
}
