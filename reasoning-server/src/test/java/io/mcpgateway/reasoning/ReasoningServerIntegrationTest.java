package io.mcpgateway.reasoning;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.testsupport.McpTestClient;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.mcpgateway.testsupport.TestDataSets;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The reasoning server driven through the MCP Java SDK client with restaurants of the real data set. */
@Timeout(120)
class ReasoningServerIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    @AutoClose
    private static McpServerHost server;
    @AutoClose
    private static McpTestClient client;
    private static Map<String, McpSchema.Tool> tools;
    /** Central district's 63 restaurants exactly as the search tools return them. */
    private static List<Map<String, Object>> central;

    @BeforeAll
    static void start() {
        DataSet dataSet = new DataSetLoader(MAPPER, Clock.systemUTC()).load(new DirectoryDataSource(TestDataSets.hongKong()));
        var district = dataSet.catalog().byExactName("Central district").orElseThrow();
        central = MAPPER.convertValue(dataSet.restaurantsOf(district), new TypeReference<List<Map<String, Object>>>() { });
        server = ReasoningServer.start(McpServerConfig.local(0), MAPPER, Clock.systemUTC());
        client = McpTestClient.connect(server.port(), MAPPER);
        tools = client.tools();
    }


    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return client.callChecked(tool, arguments);
    }

    private static Map<String, Object> data(Map<String, Object> envelope) {
        return McpTestClient.data(envelope);
    }

    private static String errorMessage(Map<String, Object> envelope) {
        Map<String, Object> error = McpTestClient.error(envelope);
        assertThat(error).containsEntry("type", "ValidationError");
        return (String) error.get("message");
    }

    private static Map<String, Object> restaurant(String id, Object likes) {
        Map<String, Object> sentiment = new LinkedHashMap<>();
        sentiment.put("likes", likes);
        sentiment.put("dislikes", 1);
        sentiment.put("neutral", 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("name", "Place " + id);
        r.put("sentiment", sentiment);
        return r;
    }

    @Test
    void listsBothToolsWithInputAndOutputSchemas() {
        assertThat(tools).containsOnlyKeys("recommend_restaurants", "analyze_restaurant_sentiment");
        assertThatJson(tools.get("recommend_restaurants").inputSchema()).inPath("properties.ranking_method.enum")
                .isArray().containsExactly("sentiment_likes", "combined_sentiment");
        assertThatJson(tools.get("recommend_restaurants").inputSchema()).inPath("properties.restaurants")
                .isObject().containsEntry("minItems", 1).containsEntry("maxItems", 5000);
        tools.values().forEach(t -> assertThatJson(t.inputSchema()).inPath("properties.restaurants.description")
                .asString().as("an agent joining searches learns it before it is refused").contains("ids must be"
                        + " unique"));
        tools.values().forEach(t -> assertThat(t.outputSchema()).isNotNull());
    }

    @Nested
    class Recommend {

        @Test
        void searchResultsPassedVerbatimGiveADeterministicTopRecommendation() {
            Map<String, Object> first = data(call("recommend_restaurants", Map.of("restaurants", central)));
            Map<String, Object> second = data(call("recommend_restaurants", Map.of("restaurants", central)));

            assertThat(first).containsEntry("candidate_count", 20).containsEntry("ranking_method", "sentiment_likes");
            assertThatJson(first).inPath("recommendation").isEqualTo(((List<?>) first.get("candidates")).get(0));
            assertThatJson(first).inPath("recommendation.rank").isEqualTo(1);
            assertThat(first.get("recommendation")).isEqualTo(second.get("recommendation"));
            assertThatJson(first).inPath("analysis_summary.total_restaurants").isEqualTo(63);
            assertThatJson(first).inPath("recommendation").isObject().containsKeys("operating_hours", "metadata");
        }

        @Test
        void candidatesAreOrderedByTheReportedScore() {
            Map<String, Object> data = data(call("recommend_restaurants",
                    Map.of("restaurants", central, "ranking_method", "combined_sentiment", "candidate_count", 63)));

            List<Double> scores = new ArrayList<>();
            for (Object c : (List<?>) data.get("candidates")) {
                scores.add(((Number) ((Map<?, ?>) c).get("score")).doubleValue());
            }
            assertThat(scores).isSortedAccordingTo(Collections.reverseOrder());
            assertThatJson(data).inPath("analysis_summary.top_score").isEqualTo(scores.get(0));
        }

        @Test
        void percentagesAndSummaryFiguresAreUnroundedAsTheOriginalGivesThem() {
            Map<String, Object> data = data(call("recommend_restaurants",
                    Map.of("restaurants", central, "candidate_count", 63)));

            for (Object c : (List<?>) data.get("candidates")) {
                Map<?, ?> sentiment = (Map<?, ?>) ((Map<?, ?>) c).get("sentiment");
                double likes = ((Number) sentiment.get("likes")).doubleValue();
                double neutral = ((Number) sentiment.get("neutral")).doubleValue();
                double total = ((Number) sentiment.get("total_responses")).doubleValue();
                // the original's formulas (REFERENCE-SPEC §3.2, §3.4): share first, then times 100
                assertThat(sentiment.get("likes_percentage")).isEqualTo(likes / total * 100);
                assertThat(sentiment.get("combined_positive_percentage")).isEqualTo((likes + neutral) / total * 100);
                assertThat(((Map<?, ?>) c).get("score")).isEqualTo(likes / total * 100);
            }
            Map<?, ?> summary = (Map<?, ?>) data.get("analysis_summary");
            List<Double> scores = new ArrayList<>();
            for (Object c : (List<?>) data.get("candidates")) {
                scores.add(((Number) ((Map<?, ?>) c).get("score")).doubleValue());
            }
            double top = Collections.max(scores);
            double bottom = Collections.min(scores);
            assertThat(summary.get("top_score")).isEqualTo(top);
            assertThat(summary.get("bottom_score")).isEqualTo(bottom);
            assertThat(summary.get("score_range")).isEqualTo(top - bottom);
            Map<?, ?> quality = (Map<?, ?>) summary.get("data_quality");
            assertThat(quality.get("data_completeness_rate"))
                    .isEqualTo(((Number) quality.get("valid_restaurants")).doubleValue() / 63);
            double percentile = ((Number) ((Map<?, ?>) summary.get("recommendation_confidence"))
                    .get("score_percentile")).doubleValue();
            assertThat(percentile * 100).isCloseTo(Math.rint(percentile * 100), within(1e-9)); // 2 decimals
        }

        @Test
        void randomSelectionRepeatsWithItsSeed() {
            Map<String, Object> arguments = Map.of("restaurants", central, "selection", "random", "seed", 42);

            Map<String, Object> first = data(call("recommend_restaurants", arguments));
            Map<String, Object> again = data(call("recommend_restaurants", arguments));

            assertThat(first.get("recommendation")).isEqualTo(again.get("recommendation"));
            assertThatJson(first).inPath("selection").isEqualTo(Map.of("mode", "random", "seed", 42));
        }

        @Test
        void aRandomSelectionWithoutASeedReportsOneEveryJsonReaderHoldsExactly() {
            for (int i = 0; i < 20; i++) {
                Map<String, Object> data = data(call("recommend_restaurants",
                        Map.of("restaurants", central, "selection", "random")));
                long seed = ((Number) ((Map<?, ?>) data.get("selection")).get("seed")).longValue();
                assertThat(seed).isBetween(0L, (1L << 53) - 1);
            }
        }

        @Test
        void restaurantsWithoutResponsesAreLeftOutAndCounted() {
            Map<String, Object> unrated = restaurant("b", 0);
            unrated.put("sentiment", Map.of("likes", 0, "dislikes", 0, "neutral", 0));

            Map<String, Object> data = data(call("recommend_restaurants",
                    Map.of("restaurants", List.of(restaurant("a", 5), unrated, restaurant("c", 2)))));

            assertThatJson(data).inPath("analysis_summary").isObject().containsEntry("total_restaurants", 3)
                    .containsEntry("valid_restaurants", 2).containsEntry("filtered_restaurants", 1);
            assertThatJson(data).inPath("candidates[*].id").isArray().containsExactly("a", "c");
        }
    }

    @Test
    void analyzeAveragesTheSentiment() {
        Map<String, Object> data = data(call("analyze_restaurant_sentiment",
                Map.of("restaurants", List.of(restaurant("a", 4), restaurant("b", 2)))));

        assertThatJson(data).inPath("sentiment_analysis").isObject()
                .containsEntry("restaurant_count", 2)
                .containsEntry("average_likes", 3.0)
                .containsEntry("average_dislikes", 1.0)
                .containsEntry("top_sentiment_score", 66.67)
                .containsEntry("bottom_sentiment_score", 50.0);
    }

    /** The input schema's integers are JSON Schema's, which 2.0 is; the tool agrees (it refused them once). */
    @Test
    void countsWrittenWithAFractionOfZeroAreCounted() {
        Map<String, Object> arguments = MAPPER.readValue("{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\","
                + " \"sentiment\": {\"likes\": 2.0, \"dislikes\": 1e0, \"neutral\": 0.00}}]}",
                new TypeReference<Map<String, Object>>() { });

        assertThatJson(data(call("analyze_restaurant_sentiment", arguments))).inPath("sentiment_analysis").isObject()
                .containsEntry("average_likes", 2.0).containsEntry("average_dislikes", 1.0);
    }

    @Nested
    class WrongInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "{}|restaurants must be a list of restaurant objects",
                "{\"restaurants\": []}|Restaurants list cannot be empty",
                "{\"restaurants\": \"all\"}|restaurants must be a list of restaurant objects",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\"}]}|Invalid restaurant data: 1 validation errors found (missing_field: 1 errors): restaurants[0].sentiment is required (an object with likes, dislikes and neutral)",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": -1, \"dislikes\": 0, \"neutral\": 0}}]}|Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[0].sentiment.likes must not be negative but was -1",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1.5, \"dislikes\": 0, \"neutral\": 0}}]}|Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].sentiment.likes must be an integer",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": \"5\", \"dislikes\": 0, \"neutral\": 0}}]}|Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].sentiment.likes must be an integer but was a string",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 0, \"dislikes\": 0, \"neutral\": 0}}]}|No valid restaurants with sentiment data found",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"ranking_method\": \"best\"}|Invalid ranking method 'best'. Valid methods: ['sentiment_likes', 'combined_sentiment']",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"ranking_method\": 5}|Ranking method must be a string, got a number",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"ranking_method\": null}|Ranking method must be a string, got null",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"candidate_count\": \"3\"}|candidate_count must be an integer but was '3'",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"candidate_count\": 0}|candidate_count must be between 1 and 100 but was 0",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"selection\": \"best\"}|Invalid selection 'best'. Valid values: top, random",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"seed\": 1.5}|seed must be an integer but was a number (1.5)",
                "{\"restaurants\": [{\"id\": \"a\", \"name\": \"A\", \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}], \"limit\": 3}|Unknown argument 'limit'. Valid arguments: candidate_count, ranking_method, restaurants, seed, selection"})
        void recommendRejectsWithTheReason(String argumentsJson, String message) {
            Map<String, Object> arguments = MAPPER.readValue(argumentsJson, new TypeReference<Map<String, Object>>() { });

            assertThat(errorMessage(call("recommend_restaurants", arguments))).isEqualTo(message);
        }

        @Test
        void duplicateIdsAreRejected() {
            assertThat(errorMessage(call("analyze_restaurant_sentiment",
                    Map.of("restaurants", List.of(restaurant("a", 1), restaurant("a", 2))))))
                    .isEqualTo("Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors):"
                            + " restaurants[1].id 'a' appears more than once; ids must be unique");
        }

        @Test
        void moreRestaurantsThanASearchAnswersAreRejected() {
            List<Map<String, Object>> many = new ArrayList<>();
            for (int i = 0; i < 5001; i++) {
                many.add(restaurant("r" + i, 1));
            }
            assertThat(errorMessage(call("analyze_restaurant_sentiment", Map.of("restaurants", many))))
                    .isEqualTo("restaurants may hold at most 5000 items but held 5001");
        }

        @Test
        void protocolMisuseIsAJsonRpcErrorAndTheServerKeepsServing() {
            RawMcpHttp raw = new RawMcpHttp(server.port());
            HttpResponse<String> response = raw.post("not json at all");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
            assertThat(data(call("analyze_restaurant_sentiment", Map.of("restaurants", central)))).isNotEmpty();
        }
    }

    @Test
    void healthIsInTheOriginalsShapeFromAServiceCheckOnASampleRestaurant() {
        HttpResponse<String> health = new RawMcpHttp(server.port()).get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThatJson(health.body()).isObject().containsEntry("status", "healthy")
                .containsEntry("server_type", "restaurant_reasoning_mcp").containsEntry("version", "1.0.0")
                .containsKeys("timestamp", "tools");
        assertThatJson(health.body()).inPath("services").isEqualTo("{\"reasoning_service\": \"healthy\","
                + " \"validation_service\": \"healthy\", \"sentiment_service\": \"healthy\","
                + " \"recommendation_service\": \"healthy\"}");
    }

    @Test
    void metricsIsTheOriginalsDocument() { // REFERENCE-SPEC 3.1
        HttpResponse<String> metrics = new RawMcpHttp(server.port()).get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThatJson(metrics.body()).isObject().containsEntry("mcp_server_status", "running")
                .containsEntry("server_type", "restaurant_reasoning_mcp").containsEntry("tool_count", 2)
                .containsKey("timestamp");
        assertThatJson(metrics.body()).inPath("available_tools")
                .isEqualTo("[\"recommend_restaurants\", \"analyze_restaurant_sentiment\"]");
        assertThatJson(metrics.body()).inPath("reasoning_service_config").isEqualTo("{\"minimum_responses\": 1,"
                + " \"default_candidate_count\": 20, \"strict_validation\": true}");
    }
}
