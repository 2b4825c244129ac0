package io.mcpgateway.gateway.toolmeta;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.testsupport.RawMcpHttp;
import tools.jackson.databind.JsonNode;

/** {@code /tools/metadata} and its filters in front of both real MCP servers, without any token. */
@Timeout(120)
class ToolMetadataIntegrationTest {

    private static final List<String> ROUTED_TOOLS = List.of("search_restaurants_by_district",
            "search_restaurants_by_meal_type", "search_restaurants_combined", "recommend_restaurants",
            "analyze_restaurant_sentiment");

    @AutoClose
    private static final GatewayFixture system = new GatewayFixture();

    /** The tools of the full listing, as JSON. */
    private static JsonNode listedTools() {
        return system.mapper.readTree(system.get("/tools/metadata").body()).path("data").path("tools");
    }

    /** The tool as the backend itself lists it, asked directly over MCP. */
    private static JsonNode listedByBackend(int port, String tool) {
        HttpResponse<String> listed = new RawMcpHttp(port)
                .post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}");
        for (JsonNode candidate : system.mapper.readTree(listed.body()).path("result").path("tools")) {
            if (candidate.path("name").asString().equals(tool)) {
                return candidate;
            }
        }
        throw new AssertionError("backend does not list " + tool);
    }

    private static void assertNotFound(HttpResponse<String> response, String message, String listName,
            List<String> list) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThatJson(response.body()).inPath("success").isEqualTo(false);
        assertThatJson(response.body()).inPath("error.type").isEqualTo("NotFoundError");
        assertThatJson(response.body()).inPath("error.code").isEqualTo("NOT_FOUND");
        assertThatJson(response.body()).inPath("error.message").isEqualTo(message);
        assertThatJson(response.body()).inPath("error.details").isEqualTo(Map.of(listName, list));
        assertThatJson(response.body()).inPath("error.request_id").isString().isNotEmpty();
    }

    @Nested
    class Listing {

        @Test
        void listsTheFiveRoutedToolsWithCategoriesMbtiTypesAndVersion() {
            HttpResponse<String> response = system.get("/tools/metadata");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("success").isEqualTo(true);
            assertThatJson(response.body()).inPath("data.total_tools").isEqualTo(5);
            assertThatJson(response.body()).inPath("data.tools[*].name").isEqualTo(ROUTED_TOOLS);
            // The original's order (REFERENCE-SPEC 4.9), not the order the tools come in.
            assertThatJson(response.body()).inPath("data.categories")
                    .isEqualTo(List.of("search", "analysis", "recommendation"));
            assertThatJson(response.body()).inPath("data.supported_mbti_types").isEqualTo(List.of("ENFJ", "ENFP",
                    "ENTJ", "ENTP", "ESFJ", "ESFP", "ESTJ", "ESTP", "INFJ", "INFP", "INTJ", "INTP", "ISFJ", "ISFP",
                    "ISTJ", "ISTP"));
            assertThatJson(response.body()).inPath("data.version").isEqualTo("1.0.0");
            assertThatJson(response.body()).inPath("data.last_updated").isString().endsWith("Z");
        }

        @Test
        void everyToolListsItsParametersAndMeasuredFiguresAsTheOriginalDid() {
            system.postWithToken("/api/v1/restaurants/search/meal-type", "{\"meal_types\": [\"breakfast\"]}");

            JsonNode mealType = null;
            for (JsonNode tool : listedTools()) {
                assertThat(tool.path("parameters").isObject()).as(tool.path("name").asString()).isTrue();
                assertThat(tool.path("response_schema").path("type").asString()).isEqualTo("object");
                if (tool.path("name").asString().equals("search_restaurants_by_meal_type")) {
                    mealType = tool;
                }
            }
            assertThat(mealType).isNotNull();
            assertThatJson(mealType.path("parameters").path("meal_types").toString()).isEqualTo(
                    "{type: 'array', description: '${json-unit.any-string}', required: true,"
                            + " min_items: 1, max_items: 3, example: ['breakfast']}");
            assertThat(mealType.path("average_response_time_ms").asDouble()).isPositive();
            assertThat(mealType.path("success_rate_percentage").asDouble()).isEqualTo(100.0);
        }

        @Test
        void everyToolCarriesItsGuidance() {
            JsonNode tools = listedTools();

            for (JsonNode tool : tools) {
                assertThat(tool.path("purpose").asString()).as(tool.path("name").asString()).isNotBlank();
                // the limits enforced, which the fixture turns off (RateLimitSettingsTest has the wording of others)
                assertThat(tool.path("rate_limit").asString()).isEqualTo("none");
                assertThat(tool.path("use_cases").size()).isGreaterThanOrEqualTo(2);
                assertThat(tool.path("mbti_integration").size()).isGreaterThanOrEqualTo(2);
                assertThat(tool.path("examples").size()).isGreaterThanOrEqualTo(1);
                assertThat(tool.path("endpoint").asString()).startsWith("/api/v1/restaurants/");
                assertThat(tool.path("http_method").asString()).isEqualTo("POST");
                assertThat(tool.path("authentication_required").asBoolean()).isTrue();
            }
        }

        @Test
        void inputSchemasAreThoseTheBackendsPublish() {
            JsonNode tools = listedTools();

            for (JsonNode tool : tools) {
                String name = tool.path("name").asString();
                int port = tool.path("backend").asString().equals("restaurant-search") ? system.search.port()
                        : system.reasoning.port();
                assertThat(tool.path("input_schema")).as(name)
                        .isEqualTo(listedByBackend(port, name).path("inputSchema"));
            }
        }

        @Test
        void everyExampleInputInTheGuidanceIsAcceptedByItsRoute() {
            JsonNode tools = listedTools();

            for (JsonNode tool : tools) {
                List<JsonNode> inputs = new ArrayList<>();
                tool.path("use_cases").forEach(useCase -> inputs.add(useCase.path("example_input")));
                tool.path("examples").forEach(example -> inputs.add(example.path("input")));
                for (JsonNode input : inputs) {
                    HttpResponse<String> response = system.postWithToken(tool.path("endpoint").asString(),
                            input.toString());
                    assertThat(response.statusCode()).as(tool.path("name").asString() + " " + input).isEqualTo(200);
                }
            }
        }

        @Test
        void aToolsGuidanceFollowsTheReferenceTable() {
            HttpResponse<String> response = system.get("/tools/metadata/search_restaurants_by_district");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.display_name").isEqualTo("Search Restaurants by District");
            assertThatJson(response.body()).inPath("data.category").isEqualTo("search");
            assertThatJson(response.body()).inPath("data.endpoint").isEqualTo("/api/v1/restaurants/search/district");
            assertThatJson(response.body()).inPath("data.input_schema.properties.districts.maxItems").isEqualTo(20);
            assertThatJson(response.body()).inPath("data.use_cases").isArray().hasSize(3);
            assertThatJson(response.body()).inPath("data.use_cases[0]").isObject()
                    .containsOnlyKeys("scenario", "when_to_use", "example_input", "expected_outcome");
            assertThatJson(response.body()).inPath("data.mbti_integration[*].personality_type")
                    .isEqualTo(List.of("ENFP", "INTJ", "ESFJ"));
            assertThatJson(response.body()).inPath("data.mbti_integration[0]").isObject()
                    .containsOnlyKeys("personality_type", "preferences", "search_patterns", "recommendation_focus");
            assertThatJson(response.body()).inPath("data.examples").isArray().hasSize(2);
            assertThatJson(response.body()).inPath("data.examples[0]").isObject()
                    .containsOnlyKeys("title", "description", "input", "output", "notes");
        }

        @Test
        void needsNoTokenAndIgnoresABadOne() {
            assertThat(system.get("/tools/metadata").statusCode()).isEqualTo(200);
            assertThat(system.get("/tools/metadata/recommend_restaurants", "Authorization", "Bearer not-a-jwt")
                    .statusCode()).isEqualTo(200);
            assertThat(system.get("/tools/metadata/mbti/enfp").statusCode()).isEqualTo(200);
            assertThat(system.get("/tools/metadata/categories/search").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Categories {

        @Test
        void searchHoldsTheThreeSearchTools() {
            HttpResponse<String> response = system.get("/tools/metadata/categories/search");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.category").isEqualTo("search");
            assertThatJson(response.body()).inPath("data.total_tools").isEqualTo(3);
            assertThatJson(response.body()).inPath("data.tools[*].name").isEqualTo(ROUTED_TOOLS.subList(0, 3));
            assertThatJson(response.body()).inPath("data.categories").isEqualTo(List.of("search"));
        }

        @Test
        void recommendationHoldsTheRecommender() {
            assertThatJson(system.get("/tools/metadata/categories/recommendation").body())
                    .inPath("data.tools[*].name").isEqualTo(List.of("recommend_restaurants"));
        }

        @Test
        void analysisHoldsTheSentimentAnalysis() {
            assertThatJson(system.get("/tools/metadata/categories/analysis").body())
                    .inPath("data.tools[*].name").isEqualTo(List.of("analyze_restaurant_sentiment"));
        }

        @Test
        void categoryIsMatchedIgnoringCase() {
            HttpResponse<String> response = system.get("/tools/metadata/categories/ReCommendation");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.category").isEqualTo("recommendation");
            assertThatJson(response.body()).inPath("data.total_tools").isEqualTo(1);
        }

        @Test
        void unknownCategoryIsA404ListingTheCategories() {
            assertNotFound(system.get("/tools/metadata/categories/booking"), "No tools found for category 'booking'",
                    "available_categories", List.of("search", "analysis", "recommendation"));
        }
    }

    @Nested
    class MbtiTypes {

        @Test
        void enfpGetsTheToolsWithEnfpGuidanceAndOnlyThatGuidance() {
            HttpResponse<String> response = system.get("/tools/metadata/mbti/ENFP");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.personality_type").isEqualTo("ENFP");
            assertThatJson(response.body()).inPath("data.supported_mbti_types").isEqualTo(List.of("ENFP"));
            assertThatJson(response.body()).inPath("data.tools[*].name").isEqualTo(List.of(
                    "search_restaurants_by_district", "search_restaurants_by_meal_type", "recommend_restaurants"));
            assertThatJson(response.body()).inPath("data.tools[*].mbti_integration[*].personality_type")
                    .isEqualTo(List.of("ENFP", "ENFP", "ENFP"));
            assertThatJson(response.body()).inPath("data.categories").isEqualTo(List.of("search", "recommendation"));
        }

        @Test
        void typeIsMatchedIgnoringCase() {
            HttpResponse<String> response = system.get("/tools/metadata/mbti/intj");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.personality_type").isEqualTo("INTJ");
            assertThatJson(response.body()).inPath("data.tools[*].name").isEqualTo(
                    List.of("search_restaurants_by_district", "analyze_restaurant_sentiment"));
        }

        @Test
        void aValidTypeWithoutGuidanceIsAnEmptyListNotAMiss() {
            HttpResponse<String> response = system.get("/tools/metadata/mbti/ISTP");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.total_tools").isEqualTo(0);
            assertThatJson(response.body()).inPath("data.tools").isArray().isEmpty();
            assertThatJson(response.body()).inPath("data.categories").isArray().isEmpty();
        }

        @Test
        void unknownTypeIsA404ListingTheSixteenTypes() {
            assertNotFound(system.get("/tools/metadata/mbti/XXXX"), "MBTI personality type 'XXXX' is not supported",
                    "supported_types", MbtiType.NAMES);
        }
    }

    @Nested
    class WrongPaths {

        @Test
        void unknownToolIsA404ListingTheTools() {
            assertNotFound(system.get("/tools/metadata/book_a_table"), "Tool 'book_a_table' does not exist",
                    "available_tools", ROUTED_TOOLS);
        }

        @Test
        void toolNamesAreMatchedExactly() {
            assertThat(system.get("/tools/metadata/Recommend_Restaurants").statusCode()).isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/tools/metadata/bad%20name", "/tools/metadata/categories/sea%3Crch",
                "/tools/metadata/mbti/EN%24P", "/tools/metadata/mbti/en.fp"})
        void junkInThePathIsA400(String path) {
            HttpResponse<String> response = system.get(path);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.type").isEqualTo("ValidationError");
            assertThatJson(response.body()).inPath("error.code").isEqualTo("INVALID_PATH_PARAMETER");
            assertThatJson(response.body()).inPath("error.details.parameter").isString().isNotEmpty();
        }

        @Test
        void overlongParametersAreA400() {
            assertThat(system.get("/tools/metadata/" + "t".repeat(129)).statusCode()).isEqualTo(400);
            assertThat(system.get("/tools/metadata/categories/" + "c".repeat(65)).statusCode()).isEqualTo(400);
            assertThat(system.get("/tools/metadata/mbti/" + "E".repeat(65)).statusCode()).isEqualTo(400);
        }

        @Test
        void aPathParameterOfMaximumLengthIsAMissNotJunk() {
            assertThat(system.get("/tools/metadata/" + "t".repeat(128)).statusCode()).isEqualTo(404);
            assertThat(system.get("/tools/metadata/categories/" + "c".repeat(64)).statusCode()).isEqualTo(404);
        }
    }
}
