package io.mcpgateway.search;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

    private static final String MONG_KOK = "restaurants/kowloon/mong-kok.json";

    private final JsonMapper mapper = Json.newMapper();

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> data) {
        return (Map<String, Object>) data.get("metadata");
    }

    /** The search server on the demo data set below {@code dir}, as the test edited it, and a client of it. */
    private record Served(McpServerHost server, McpTestClient client) implements AutoCloseable {

        HttpResponse<String> health() {
            return new RawMcpHttp(server.port()).get("/health");
        }

        Map<String, Object> search(String tool, Map<String, Object> arguments) {
            return McpTestClient.data(client.callChecked(tool, arguments));
        }

        Map<String, Object> district(String name) {
            return search("search_restaurants_by_district", Map.of("districts", List.of(name)));
        }

        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    private void writeDemoData() throws IOException {
        new DemoDataGenerator(mapper, 3).write(dir, 850, false, n -> { });
    }

    private void replaceIn(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        Files.writeString(path, Files.readString(path).replace(from, to));
    }

    private Served serve() {
        DataSet dataSet = new DataSetLoader(mapper, Clock.systemUTC()).load(new DirectoryDataSource(dir));
        McpServerHost server = SearchServer.start(McpServerConfig.local(0), dataSet,
                PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper, Clock.systemUTC());
        return new Served(server, McpTestClient.connect(server.port(), mapper));
    }

    @Test
    void brokenFileIsReportedInHealthAndTheRestIsServed() throws Exception {
        writeDemoData();
        Files.writeString(dir.resolve(MONG_KOK), "{\"restaurants\": [ {\"id\": ");

        try (Served served = serve()) {
            HttpResponse<String> health = served.health();

            assertThat(health.statusCode()).isEqualTo(200);
            assertThatJson(health.body()).inPath("status").isEqualTo("degraded");
            assertThatJson(health.body()).inPath("data_set.problem_count").isEqualTo(1);
            assertThatJson(health.body()).inPath("data_set.problems[0].file").isEqualTo(MONG_KOK);
            assertThatJson(health.body()).inPath("data_set.problems[0].reason").asString()
                    .startsWith("not valid JSON at line ").doesNotContain("Source", "StreamReadFeature");
            assertThatJson(health.body()).inPath("data_set.problems[0].severity").isEqualTo("error");
            Map<String, Object> admiralty = served.district("Admiralty");
            assertThat((Integer) admiralty.get("total_count")).isPositive();
            Map<String, Object> mongKok = served.district("Mong Kok");
            assertThat(mongKok).containsEntry("total_count", 0);
            assertThat(metadata(mongKok)).containsEntry("incomplete_districts", List.of("Mong Kok"))
                    .doesNotContainKey("districts_without_data"); // it has a file: what it holds is lost
            assertThat(metadata(admiralty)).doesNotContainKey("incomplete_districts");
            Map<String, Object> dinner = served.search("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("dinner")));
            assertThat(metadata(dinner)).containsEntry("incomplete_districts", List.of("Mong Kok"));
            Map<String, Object> elsewhere = served.search("search_restaurants_combined",
                    Map.of("districts", List.of("Admiralty", "Central"), "meal_types", List.of("lunch")));
            assertThat(metadata(elsewhere)).doesNotContainKey("incomplete_districts");
            Map<String, Object> listed = served.search("list_districts", Map.of());
            assertThatJson(listed).inPath("$.regions[*].districts[?(@.name == 'Mong Kok')]")
                    .isEqualTo("[{\"name\": \"Mong Kok\", \"restaurant_count\": 0, \"incomplete\": true}]");
            assertThatJson(listed).inPath("$.regions[*].districts[?(@.name == 'Admiralty')].incomplete")
                    .isArray().isEmpty();
        }
    }

    @Test
    void aSearchedDistrictWithoutADataFileIsNamedAsOneTheDataSetKnowsNothingOf() throws Exception {
        writeDemoData();
        Files.delete(dir.resolve(MONG_KOK));

        try (Served served = serve()) {
            assertThatJson(served.health().body()).inPath("status").isEqualTo("healthy");
            Map<String, Object> both = served.search("search_restaurants_combined",
                    Map.of("districts", List.of("Mong Kok", "Admiralty"), "meal_types", List.of("lunch")));
            assertThat(metadata(both)).containsEntry("districts_without_data", List.of("Mong Kok"))
                    .doesNotContainKey("incomplete_districts");
            assertThat((Integer) both.get("total_count")).isPositive();
            assertThat(metadata(served.district("Admiralty"))).doesNotContainKey("districts_without_data");
            assertThat(metadata(served.search("search_restaurants_by_meal_type",
                    Map.of("meal_types", List.of("dinner"))))).doesNotContainKey("districts_without_data");
        }
    }

    @Test
    void aKeyLikeNoneTheFormatKnowsIsAWarningThatNeitherDegradesNorMakesADistrictIncomplete() throws Exception {
        writeDemoData();
        replaceIn(MONG_KOK, "\"priceRange\"", "\"website\"");

        try (Served served = serve()) {
            String health = served.health().body();

            assertThatJson(health).inPath("status").isEqualTo("healthy");
            assertThatJson(health).inPath("data_set.problem_count").isEqualTo(1);
            assertThatJson(health).inPath("data_set.problems[0].severity").isEqualTo("warning");
            assertThatJson(health).inPath("data_set.problems[0].reason").asString()
                    .contains("the key 'website'").doesNotContain("did you mean");
            Map<String, Object> mongKok = served.district("Mong Kok");
            assertThat((Integer) mongKok.get("total_count")).isPositive();
            assertThat(metadata(mongKok)).doesNotContainKey("incomplete_districts");
        }
    }

    @Test
    void aKnownKeyMisspeltIsAnErrorListedBeforeWarningsThatMakesItsDistrictIncomplete() throws Exception {
        writeDemoData();
        // 'website' in Admiralty, listed before Mong Kok, then 'operating_hours' in Mong Kok: its hours are lost
        replaceIn("restaurants/hong-kong-island/admiralty.json", "\"priceRange\"", "\"website\"");
        replaceIn(MONG_KOK, "\"operatingHours\"", "\"operating_hours\"");

        try (Served served = serve()) {
            String health = served.health().body();

            assertThatJson(health).inPath("status").isEqualTo("degraded");
            assertThatJson(health).inPath("data_set.error_count").isEqualTo(1);
            assertThatJson(health).inPath("data_set.warning_count").isEqualTo(1);
            assertThatJson(health).inPath("data_set.problems[0].severity").isEqualTo("error");
            assertThatJson(health).inPath("data_set.problems[0].reason").asString()
                    .contains("the key 'operating_hours'", "did you mean 'operatingHours'?");
            assertThatJson(health).inPath("data_set.problems[1].severity").isEqualTo("warning");
            assertThat(metadata(served.district("Mong Kok"))).containsEntry("incomplete_districts",
                    List.of("Mong Kok"));
        }
    }
}
