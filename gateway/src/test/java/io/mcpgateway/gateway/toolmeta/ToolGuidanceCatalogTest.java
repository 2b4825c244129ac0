package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

@Timeout(10)
class ToolGuidanceCatalogTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    /** A minimal valid guidance object; {@code extra} is spliced in as further fields. */
    private static String guidance(String extra) {
        return "{\"category\": \"search\", \"purpose\": \"Finds things\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static ToolGuidanceCatalog read(String json) {
        return ToolGuidanceCatalog.read(MAPPER, "test.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void rejected(String json, String... messageParts) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Tool guidance test.json is invalid")
                .hasMessageContainingAll(messageParts);
    }

    @Nested
    class Bundled {

        private final ToolGuidanceCatalog catalog = ToolGuidanceCatalog.bundled(MAPPER);

        @Test
        void coversTheFiveRestaurantTools() {
            assertThat(catalog.tools()).containsExactlyInAnyOrder("search_restaurants_by_district",
                    "search_restaurants_by_meal_type", "search_restaurants_combined", "recommend_restaurants",
                    "analyze_restaurant_sentiment");
        }

        @Test
        void followsTheReferenceTableOfCategoriesTypesUseCasesAndExamples() {
            assertShape("search_restaurants_by_district", "search", List.of(MbtiType.ENFP, MbtiType.INTJ,
                    MbtiType.ESFJ), 3, 2);
            assertShape("search_restaurants_by_meal_type", "search", List.of(MbtiType.ENFP, MbtiType.ISTJ), 3, 1);
            assertShape("search_restaurants_combined", "search", List.of(MbtiType.ENTJ, MbtiType.ISFP), 3, 1);
            assertShape("recommend_restaurants", "recommendation", List.of(MbtiType.ENFP, MbtiType.INFJ), 2, 1);
            assertShape("analyze_restaurant_sentiment", "analysis", List.of(MbtiType.INTJ, MbtiType.ESFJ), 2, 1);
        }

        private void assertShape(String tool, String category, List<MbtiType> types, int useCases, int examples) {
            ToolGuidance guidance = catalog.find(tool).orElseThrow();
            assertThat(guidance.category()).as(tool).isEqualTo(category);
            assertThat(guidance.mbtiIntegration()).as(tool).extracting(MbtiGuidance::personalityType)
                    .containsExactlyElementsOf(types);
            assertThat(guidance.useCases()).as(tool).hasSize(useCases);
            assertThat(guidance.examples()).as(tool).hasSize(examples);
            // no advertised text: /tools/metadata shows the limits the gateway enforces
            assertThat(guidance.rateLimit()).as(tool).isNull();
        }
    }

    @Nested
    class ValidDocuments {

        @Test
        void aToolWithOnlyCategoryAndPurposeHasEmptyLists() {
            ToolGuidance guidance = read("{\"tools\": {\"finder\": " + guidance("") + "}}")
                    .find("finder").orElseThrow();

            assertThat(guidance.useCases()).isEmpty();
            assertThat(guidance.mbtiIntegration()).isEmpty();
            assertThat(guidance.examples()).isEmpty();
            assertThat(guidance.displayName()).isNull();
            assertThat(guidance.rateLimit()).isNull();
        }

        @Test
        void exampleInputsKeepTheirJsonIncludingNulls() {
            ToolGuidance guidance = read("{\"tools\": {\"finder\": " + guidance("\"examples\": [{\"title\": \"t\","
                    + " \"description\": \"d\", \"input\": {\"b\": null, \"a\": [1, 2]}, \"output\": \"o\"}]")
                    + "}}").find("finder").orElseThrow();

            Map<String, Object> input = guidance.examples().getFirst().input();
            assertThat(input.keySet()).containsExactly("b", "a");
            assertThat(input).containsEntry("a", List.of(1, 2));
            assertThat(input.get("b")).isNull();
            assertThat(guidance.examples().getFirst().notes()).isNull();
        }

        @Test
        void anUnknownToolHasNoGuidance() {
            assertThat(read("{\"tools\": {}}").find("finder")).isEmpty();
        }

        @Test
        void catalogsMergeWhenTheyDescribeDifferentTools() {
            ToolGuidanceCatalog merged = read("{\"tools\": {\"one\": " + guidance("") + "}}")
                    .with(read("{\"tools\": {\"two\": " + guidance("") + "}}"));

            assertThat(merged.tools()).containsExactlyInAnyOrder("one", "two");
        }

        @Test
        void aFileIsReadLikeAResource(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("more.json"), "{\"tools\": {\"one\": " + guidance("") + "}}");

            assertThat(ToolGuidanceCatalog.fromFile(MAPPER, file).tools()).containsExactly("one");
        }
    }

    @Nested
    class MalformedDocuments {

        @Test
        void brokenJsonNamesTheDocumentAndLine() {
            rejected("{\"tools\": {\n\"finder\": {\"category\": }}}", "line 2");
        }

        @Test
        void anEmptyDocumentIsRejected() {
            rejected("", "the top level");
        }

        @Test
        void aDocumentWithoutToolsIsRejected() {
            rejected("{}", "tools is required");
        }

        @Test
        void trailingContentIsRejected() {
            rejected("{\"tools\": {}} {}", "the top level");
        }

        @Test
        void anUnknownFieldIsATypoNotIgnored() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"use_case\": []") + "}}", "tools.finder", "use_case");
        }

        @Test
        void aToolGivenTwiceInOneDocumentIsRejected() {
            rejected("{\"tools\": {\"finder\": " + guidance("") + ", \"finder\": " + guidance("") + "}}",
                    "finder");
        }

        @Test
        void aMissingPurposeIsNamed() {
            rejected("{\"tools\": {\"finder\": {\"category\": \"search\"}}}", "tools.finder", "purpose is required");
        }

        @Test
        void aBlankPurposeIsNamed() {
            rejected("{\"tools\": {\"finder\": {\"category\": \"search\", \"purpose\": \" \"}}}",
                    "purpose is required");
        }

        @Test
        void anUpperCaseCategoryIsRejected() {
            rejected("{\"tools\": {\"finder\": {\"category\": \"Search\", \"purpose\": \"p\"}}}",
                    "category must match", "but was Search");
        }

        @Test
        void aToolNameWithSpacesIsRejected() {
            rejected("{\"tools\": {\"find er\": " + guidance("") + "}}", "tool name must match", "'find er'");
        }

        @Test
        void nullGuidanceIsRejected() {
            rejected("{\"tools\": {\"finder\": null}}", "'finder' must be an object");
        }

        @Test
        void anUnknownMbtiTypeIsNamedWithItsPath() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"mbti_integration\": [{\"personality_type\": \"XXXX\","
                    + " \"preferences\": [], \"search_patterns\": [], \"recommendation_focus\": \"f\"}]") + "}}",
                    "tools.finder.mbti_integration[0].personality_type", "XXXX");
        }

        @Test
        void aMissingMbtiTypeIsNamed() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"mbti_integration\": [{\"preferences\": [],"
                    + " \"search_patterns\": [], \"recommendation_focus\": \"f\"}]") + "}}",
                    "personality_type is required");
        }

        @Test
        void anMbtiTypeListedTwiceIsRejected() {
            String enfp = "{\"personality_type\": \"ENFP\", \"recommendation_focus\": \"f\"}";
            rejected("{\"tools\": {\"finder\": " + guidance("\"mbti_integration\": [" + enfp + ", " + enfp + "]")
                    + "}}", "lists ENFP twice");
        }

        @Test
        void aBlankPreferenceIsRejected() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"mbti_integration\": [{\"personality_type\": \"ENFP\","
                    + " \"preferences\": [\"\"], \"recommendation_focus\": \"f\"}]") + "}}",
                    "preferences must not contain blank items");
        }

        @Test
        void aNullUseCaseIsRejected() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"use_cases\": [null]") + "}}",
                    "use_cases must not contain null items");
        }

        @Test
        void aUseCaseWithoutExampleInputIsRejected() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"use_cases\": [{\"scenario\": \"s\", \"when_to_use\":"
                    + " \"w\", \"expected_outcome\": \"e\"}]") + "}}", "tools.finder.use_cases[0]",
                    "example_input is required");
        }

        @Test
        void anExampleWhoseInputIsNotAnObjectIsRejected() {
            rejected("{\"tools\": {\"finder\": " + guidance("\"examples\": [{\"title\": \"t\", \"description\":"
                    + " \"d\", \"input\": [1], \"output\": \"o\"}]") + "}}",
                    "tools.finder.examples[0].input");
        }

        @Test
        void catalogsThatDescribeTheSameToolDoNotMerge() {
            ToolGuidanceCatalog one = read("{\"tools\": {\"finder\": " + guidance("") + "}}");

            assertThatThrownBy(() -> one.with(one)).isInstanceOf(ConfigException.class)
                    .hasMessage("Tool guidance for 'finder' is given twice");
        }

        @Test
        void aMissingFileIsNamed(@TempDir Path dir) {
            Path missing = dir.resolve("absent.json");

            assertThatThrownBy(() -> ToolGuidanceCatalog.fromFile(MAPPER, missing))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
        }
    }
}
