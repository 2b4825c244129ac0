package io.mcpgateway.search;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
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
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.testsupport.McpTestClient;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.mcpgateway.testsupport.TestDataSets;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/** The search server over the real data set, driven through the MCP Java SDK client. */
@Timeout(120)
class SearchServerIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    @AutoClose
    private static McpServerHost server;
    @AutoClose
    private static McpTestClient client;
    private static RawMcpHttp raw;
    private static Map<String, McpSchema.Tool> tools;

    @BeforeAll
    static void start() {
        var dataSet = new DataSetLoader(MAPPER, Clock.systemUTC()).load(new DirectoryDataSource(TestDataSets.hongKong()));
        server = SearchServer.start(McpServerConfig.local(0), dataSet, PageRequest.DEFAULT_MAX_PAGE_SIZE, MAPPER,
                Clock.systemUTC());
        client = McpTestClient.connect(server.port(), MAPPER);
        raw = new RawMcpHttp(server.port());
        tools = client.tools();
    }


    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return client.callChecked(tool, arguments);
    }

    private static Map<String, Object> data(Map<String, Object> envelope) {
        return McpTestClient.data(envelope);
    }

    private static Map<String, Object> error(Map<String, Object> envelope) {
        return McpTestClient.error(envelope);
    }

    @Nested
    class ToolList {

        @Test
        void listsTheFourSearchToolsWithPreciseSchemas() {
            assertThat(tools).containsOnlyKeys("search_restaurants_by_district", "search_restaurants_by_meal_type",
                    "search_restaurants_combined", "list_districts");
            assertThatJson(tools.get("search_restaurants_by_district").inputSchema()).inPath("properties.districts")
                    .isObject().containsEntry("type", "array").containsEntry("minItems", 1).containsEntry("maxItems", 20);
            // any case is read, so the names are described, not an enum a checking client would enforce
            assertThatJson(tools.get("search_restaurants_by_meal_type").inputSchema())
                    .inPath("properties.meal_types.items").isObject().containsEntry("type", "string")
                    .doesNotContainKey("enum");
            assertThatJson(tools.get("search_restaurants_by_meal_type").inputSchema())
                    .inPath("properties.meal_types.description").asString()
                    .startsWith("Meal periods: breakfast, lunch, dinner (any case)");
            assertThatJson(tools.get("search_restaurants_by_district").inputSchema())
                    .inPath("additionalProperties").isEqualTo(false);
        }

        @Test
        void everyToolHasAnOutputSchemaAndIsMarkedReadOnly() {
            tools.values().forEach(tool -> {
                assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
                assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
                assertThat(tool.annotations().idempotentHint()).as(tool.name()).isTrue();
            });
        }
    }

    @Nested
    class ValidCalls {

        @Test
        @SuppressWarnings("unchecked")
        void centralDistrictReturnsIts63Restaurants() {
            Map<String, Object> data = data(call("search_restaurants_by_district", Map.of("districts", List.of("Central district"))));

            assertThat(data).containsEntry("count", 63).containsEntry("total_count", 63);
            assertThat((List<Object>) data.get("restaurants")).hasSize(63);
            assertThatJson(data).inPath("metadata.search_criteria.normalized_districts").isArray()
                    .containsExactly("Central district");
            assertThatJson(data).inPath("metadata.district_counts").isEqualTo(Map.of("Central district", 63));
            assertThatJson(data).inPath("restaurants[0]").isObject().containsKeys("id", "name", "address", "meal_type",
                    "sentiment", "location_category", "district", "price_range", "operating_hours", "metadata");
        }

        @Test
        void forgivingDistrictNamesResolve() {
            Map<String, Object> data = data(call("search_restaurants_by_district",
                    Map.of("districts", List.of("  central ", "ADMIRALTY"))));

            assertThatJson(data).inPath("metadata.search_criteria.normalized_districts").isArray()
                    .containsExactly("Central district", "Admiralty");
        }

        @Test
        void mealTypeSearchCoversTheWholeDataSetAndAnalysesMeals() {
            Map<String, Object> data = data(call("search_restaurants_by_meal_type", Map.of("meal_types", List.of("dinner"))));

            assertThat((Integer) data.get("total_count")).isPositive().isLessThan(1849).isEqualTo(data.get("count"));
            assertThatJson(data).inPath("metadata.meal_analysis.meal_type_counts.dinner").isEqualTo(data.get("count"));
            assertThatJson(data).inPath("metadata.meal_periods.dinner").isEqualTo("17:30 - 22:30");
        }

        @Test
        void pagesComeWithTotalsAndHasMore() {
            Map<String, Object> data = data(call("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("lunch"), "limit", 10, "offset", 5)));

            assertThat(data).containsEntry("count", 10);
            assertThatJson(data).inPath("metadata.pagination").isEqualTo(Map.of("limit", 10, "offset", 5, "has_more", true));
        }

        @Test
        void combinedSearchFiltersDistrictByMeal() {
            Map<String, Object> all = data(call("search_restaurants_by_district", Map.of("districts", List.of("Central"))));
            Map<String, Object> data = data(call("search_restaurants_combined",
                    Map.of("districts", List.of("Central"), "meal_types", List.of("breakfast"))));

            assertThat((Integer) data.get("total_count")).isPositive().isLessThan((Integer) all.get("total_count"));
            assertThatJson(data).inPath("metadata.search_summary")
                    .isEqualTo(Map.of("criteria", "1 district(s) and 1 meal type(s)", "results_count", data.get("total_count")));
        }

        @Test
        void listDistrictsGivesThe85NamesAndWhichHaveData() {
            Map<String, Object> data = data(call("list_districts", Map.of()));

            assertThat(data).containsEntry("total_districts", 85).containsEntry("districts_with_data", 29)
                    .containsEntry("total_restaurants", 1849);
        }
    }

    @Nested
    class WrongInput {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "search_restaurants_by_district|{}|Districts parameter is required and cannot be empty",
                "search_restaurants_by_district|{\"districts\": []}|Districts parameter is required and cannot be empty",
                "search_restaurants_by_district|{\"districts\": \"Central\"}|districts must be a list of strings but was 'Central'",
                "search_restaurants_by_district|{\"districts\": [5]}|districts[0] must be a string but was a number (5)",
                "search_restaurants_by_district|{\"districts\": [\"Central\"], \"limit\": \"5\"}|limit must be an integer but was '5'",
                "search_restaurants_by_district|{\"districts\": [\"Central\"], \"limit\": 2.5}|limit must be an integer but was a number (2.5)",
                "search_restaurants_by_district|{\"districts\": [\"Central\"], \"limit\": 0}|limit must be between 1 and 5000 but was 0",
                "search_restaurants_by_district|{\"districts\": [\"Central\"], \"offset\": -1}|offset must be between 0 and 100000000 but was -1",
                "search_restaurants_by_district|{\"districts\": [\"Central\"], \"colour\": 1}|Unknown argument 'colour'. Valid arguments: districts, limit, offset",
                "search_restaurants_by_meal_type|{\"meal_types\": [\"brunch\"]}|Invalid meal types: ['brunch']. Valid meal types are: ['breakfast', 'lunch', 'dinner']",
                "search_restaurants_by_meal_type|{\"meal_types\": [\"lunch\", \"lunch\", \"lunch\", \"lunch\"]}|meal_types may hold at most 3 items but held 4",
                "search_restaurants_by_meal_type|{\"meal_types\": null}|Meal types parameter is required and cannot be empty",
                "search_restaurants_combined|{}|At least one of 'districts' or 'meal_types' parameters must be provided",
                "search_restaurants_combined|{\"districts\": []}|At least one of 'districts' or 'meal_types' parameters must be provided",
                "search_restaurants_combined|{\"districts\": [], \"meal_types\": [\"lunch\"]}|Districts list cannot be empty when provided",
                "search_restaurants_combined|{\"districts\": [\"Central\"], \"meal_types\": []}|Meal types list cannot be empty when provided"})
        void isAValidationErrorNamingTheProblem(String tool, String argumentsJson, String message) {
            Map<String, Object> arguments = MAPPER.readValue(argumentsJson, Map.class);

            Map<String, Object> error = error(call(tool, arguments));

            assertThat(error).containsEntry("type", "ValidationError").containsEntry("message", message);
        }

        @Test
        void bytesThatAreNotStrictUtf8AreNotReadAsOtherText() throws Exception {
            // C0 AF: an overlong "/" that a lenient decoder reads as one; the server must not
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"search_restaurants_by_district\",\"arguments\":{\"districts\":[\"C..\"]}}}")
                    .getBytes(StandardCharsets.US_ASCII);
            int at = new String(body, StandardCharsets.US_ASCII).indexOf("C..") + 1;
            body[at] = (byte) 0xC0;
            body[at + 1] = (byte) 0xAF;

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("refused as a whole, as the gateway refuses it").isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
            assertThat(response.body()).doesNotContain("C/");
        }

        @Test
        void tooManyDistrictsAreRejected() {
            List<String> many = Collections.nCopies(21, "Central");

            assertThat(error(call("search_restaurants_by_district", Map.of("districts", many))))
                    .containsEntry("message", "districts may hold at most 20 items but held 21");
        }

        @Test
        void overlongDistrictNameIsRejected() {
            assertThat(error(call("search_restaurants_by_district", Map.of("districts", List.of("x".repeat(101))))))
                    .containsEntry("message", "districts[0] may be at most 100 characters long");
        }

        @Test
        void unknownDistrictGetsSuggestionAndTheValidNames() {
            Map<String, Object> error = error(call("search_restaurants_combined",
                    Map.of("districts", List.of("Tsim Sha Tsiu"), "meal_types", List.of("lunch"))));

            assertThat(error).containsEntry("type", "ValidationError");
            assertThat((String) error.get("message")).startsWith("Invalid districts: ['Tsim Sha Tsiu'].")
                    .contains("Did you mean 'Tsim Sha Tsui'");
            assertThatJson(error).inPath("details.invalid_districts").isArray().containsExactly("Tsim Sha Tsiu");
            assertThatJson(error).inPath("details.suggestions").isEqualTo(Map.of("Tsim Sha Tsiu", "Tsim Sha Tsui"));
            assertThatJson(error).inPath("details.available_districts.Kowloon").isArray().contains("Tsim Sha Tsui");
        }

        @Test
        void hugeBodyIsRefusedAndTheServerKeepsServing() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                names.add("district number " + i);
            }
            String body = RawMcpHttp.toolCall("search_restaurants_by_district", MAPPER.writeValueAsString(Map.of("districts", names)));
            body = body + " ".repeat(McpServerConfig.DEFAULT_MAX_REQUEST_BYTES);

            HttpResponse<String> response = raw.post(body);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(data(call("search_restaurants_by_district", Map.of("districts", List.of("Admiralty"))))).isNotEmpty();
        }

        @Test
        void malformedJsonRpcIsAProtocolErrorWithoutInternals() {
            HttpResponse<String> response = raw.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.code").isEqualTo(-32700);
            assertThat(response.body()).doesNotContain("stackTrace", "Exception");
        }

        @Test
        void foreignHostOrOriginIsRefused() {
            String call = RawMcpHttp.toolCall("list_districts", "{}");

            assertThat(raw.post(call, "Host", "attacker.example:80").statusCode()).isEqualTo(421);
            assertThat(raw.post(call, "Origin", "https://attacker.example").statusCode()).isEqualTo(403);
            assertThat(raw.post(call).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthShowsTheDataSet() {
        HttpResponse<String> response = raw.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).isObject().containsEntry("status", "healthy")
                .containsEntry("server", "restaurant-search-mcp");
        assertThatJson(response.body()).inPath("data_set").isObject().containsEntry("restaurants", 1849)
                .containsEntry("district_files", 29).containsEntry("districts", 85).containsEntry("problem_count", 2);
        assertThatJson(response.body()).inPath("data_set.problems[0]").isObject()
                .containsEntry("file", "districts/hong-kong-island.json").containsEntry("severity", "warning");
    }
}
