package io.mcpgateway.search;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.demo.DemoDataGenerator;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.testsupport.McpTestClient;
import io.mcpgateway.testsupport.RawMcpHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data set with a broken file still serves what loaded, /health says what is wrong, and searches that cover the
 * broken district name it as incomplete.
 */
@Timeout(60)
class DegradedDataSetIntegrationTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> data) {
        return (Map<String, Object>) data.get("metadata");
    }

    @Test
    void brokenFileIsReportedInHealthAndTheRestIsServed() throws Exception {
        JsonMapper mapper = Json.newMapper();
        new DemoDataGenerator(mapper, 3).write(dir, 850, false, n -> { });
        Files.writeString(dir.resolve("restaurants/kowloon/mong-kok.json"), "{\"restaurants\": [ {\"id\": ");
        DataSet dataSet = new DataSetLoader(mapper, Clock.systemUTC()).load(new DirectoryDataSource(dir));

        try (McpServerHost server = SearchServer.start(McpServerConfig.local(0), dataSet,
                PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper, Clock.systemUTC());
                McpTestClient client = McpTestClient.connect(server.port(), mapper)) {
            HttpResponse<String> health = new RawMcpHttp(server.port()).get("/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThatJson(health.body()).inPath("status").isEqualTo("degraded");
            assertThatJson(health.body()).inPath("data_set.problem_count").isEqualTo(1);
            assertThatJson(health.body()).inPath("data_set.problems[0].file")
                    .isEqualTo("restaurants/kowloon/mong-kok.json");
            assertThatJson(health.body()).inPath("data_set.problems[0].reason").asString()
                    .startsWith("not valid JSON at line ").doesNotContain("Source", "StreamReadFeature");
            Map<String, Object> admiralty = McpTestClient.data(client.callChecked("search_restaurants_by_district",
                    Map.of("districts", List.of("Admiralty"))));
            assertThat((Integer) admiralty.get("total_count")).isPositive();
            Map<String, Object> mongKok = McpTestClient.data(client.callChecked("search_restaurants_by_district",
                    Map.of("districts", List.of("Mong Kok"))));
            assertThat(mongKok).containsEntry("total_count", 0);
            assertThat(metadata(mongKok)).containsEntry("incomplete_districts", List.of("Mong Kok"));
            assertThat(metadata(admiralty)).doesNotContainKey("incomplete_districts");
            Map<String, Object> dinner = McpTestClient.data(client.callChecked("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("dinner"))));
            assertThat(metadata(dinner)).containsEntry("incomplete_districts", List.of("Mong Kok"));
            Map<String, Object> elsewhere = McpTestClient.data(client.callChecked("search_restaurants_combined",
                    Map.of("districts", List.of("Admiralty", "Central"), "meal_types", List.of("lunch"))));
            assertThat(metadata(elsewhere)).doesNotContainKey("incomplete_districts");
            assertThatJson(health.body()).inPath("data_set.problems[0].severity").isEqualTo("error");
        }
    }

    @Test
    void aKeyLikeNoneTheFormatKnowsIsAWarningThatNeitherDegradesNorMakesADistrictIncomplete() throws Exception {
        JsonMapper mapper = Json.newMapper();
        new DemoDataGenerator(mapper, 3).write(dir, 850, false, n -> { });
        Path mongKokFile = dir.resolve("restaurants/kowloon/mong-kok.json");
        Files.writeString(mongKokFile, Files.readString(mongKokFile).replace("\"priceRange\"", "\"website\""));
        DataSet dataSet = new DataSetLoader(mapper, Clock.systemUTC()).load(new DirectoryDataSource(dir));

        try (McpServerHost server = SearchServer.start(McpServerConfig.local(0), dataSet,
                PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper, Clock.systemUTC());
                McpTestClient client = McpTestClient.connect(server.port(), mapper)) {
            HttpResponse<String> health = new RawMcpHttp(server.port()).get("/health");

            assertThatJson(health.body()).inPath("status").isEqualTo("healthy");
            assertThatJson(health.body()).inPath("data_set.problem_count").isEqualTo(1);
            assertThatJson(health.body()).inPath("data_set.problems[0].severity").isEqualTo("warning");
            assertThatJson(health.body()).inPath("data_set.problems[0].reason").asString()
                    .contains("the key 'website'").doesNotContain("did you mean");
            Map<String, Object> mongKok = McpTestClient.data(client.callChecked("search_restaurants_by_district",
                    Map.of("districts", List.of("Mong Kok"))));
            assertThat((Integer) mongKok.get("total_count")).isPositive();
            assertThat(metadata(mongKok)).doesNotContainKey("incomplete_districts");
        }
    }

    @Test
    void aKnownKeyMisspeltIsAnErrorListedBeforeWarningsThatMakesItsDistrictIncomplete() throws Exception {
        JsonMapper mapper = Json.newMapper();
        new DemoDataGenerator(mapper, 3).write(dir, 850, false, n -> { });
        // 'website' in Admiralty, listed before Mong Kok, then 'operating_hours' in Mong Kok: its hours are lost
        Path admiraltyFile = dir.resolve("restaurants/hong-kong-island/admiralty.json");
        Files.writeString(admiraltyFile, Files.readString(admiraltyFile).replace("\"priceRange\"", "\"website\""));
        Path mongKokFile = dir.resolve("restaurants/kowloon/mong-kok.json");
        Files.writeString(mongKokFile, Files.readString(mongKokFile).replace("\"operatingHours\"",
                "\"operating_hours\""));
        DataSet dataSet = new DataSetLoader(mapper, Clock.systemUTC()).load(new DirectoryDataSource(dir));

        try (McpServerHost server = SearchServer.start(McpServerConfig.local(0), dataSet,
                PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper, Clock.systemUTC());
                McpTestClient client = McpTestClient.connect(server.port(), mapper)) {
            String health = new RawMcpHttp(server.port()).get("/health").body();

            assertThatJson(health).inPath("status").isEqualTo("degraded");
            assertThatJson(health).inPath("data_set.error_count").isEqualTo(1);
            assertThatJson(health).inPath("data_set.warning_count").isEqualTo(1);
            assertThatJson(health).inPath("data_set.problems[0].severity").isEqualTo("error");
            assertThatJson(health).inPath("data_set.problems[0].reason").asString()
                    .contains("the key 'operating_hours'", "did you mean 'operatingHours'?");
            assertThatJson(health).inPath("data_set.problems[1].severity").isEqualTo("warning");
            Map<String, Object> mongKok = McpTestClient.data(client.callChecked("search_restaurants_by_district",
                    Map.of("districts", List.of("Mong Kok"))));
            assertThat(metadata(mongKok)).containsEntry("incomplete_districts", List.of("Mong Kok"));
        }
    }
}
