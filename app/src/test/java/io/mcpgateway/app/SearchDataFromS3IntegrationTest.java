package io.mcpgateway.app;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.adobe.testing.s3mock.junit5.S3MockExtension;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.search.SearchServer;
import io.mcpgateway.testsupport.LocalProcessFiles;
import io.mcpgateway.testsupport.McpTestClient;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.mcpgateway.testsupport.TestDataSets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search server's data from S3 as the command line sets it up ({@code --data-s3-*}, credentials from the AWS
 * default chain), against a real S3-compatible server (S3Mock): served at start, and a changed object is picked up
 * by the ETag check and served without a restart, with {@code /health} saying so.
 */
@Timeout(120)
class SearchDataFromS3IntegrationTest {

    private static final String BUCKET = "restaurant-data";
    private static final JsonMapper MAPPER = Json.newMapper();

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false)
            .withHttpPort(LocalProcessFiles.freePort()).withInitialBuckets(BUCKET).build();

    private static S3Client uploader;

    @BeforeAll
    static void upload() {
        Path root = TestDataSets.hongKong();
        uploader = S3_MOCK.createS3ClientV2();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put("hk/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The AWS default credentials chain reads these, as it reads AWS_ACCESS_KEY_ID in production.
        System.setProperty("aws.accessKeyId", "test-key");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterAll
    static void close() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        uploader.close();
    }

    private static void put(String key, byte[] bytes) {
        uploader.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static DataOptions options() {
        DataOptions options = new DataOptions();
        options.s3Bucket = BUCKET;
        options.s3Prefix = "hk";
        options.s3Region = "us-east-1";
        options.s3Endpoint = URI.create(S3_MOCK.getServiceEndpoint().replace("https:", "http:"));
        options.reloadSeconds = 1;
        options.maxPageSize = 5000;
        return options;
    }

    @Test
    void theDataSetIsServedFromS3AndAChangedObjectIsServedWithoutARestart() throws IOException {
        DataOptions.Served served = options().open(MAPPER, Clock.systemUTC());
        try (AutoCloseable reloading = served.reloading();
                McpServerHost server = SearchServer.start(McpServerConfig.local(0), served.data(), 5000, MAPPER,
                        Clock.systemUTC());
                McpTestClient client = McpTestClient.connect(server.port(), MAPPER)) {
            assertThat(totalCount(client, "Central district")).isEqualTo(63);
            String health = new RawMcpHttp(server.port()).get("/health").body();
            assertThatJson(health).inPath("data_set.source").asString().startsWith("s3://restaurant-data/hk/");
            assertThatJson(health).inPath("data_set.restaurants").isEqualTo(1849);

            Path central = Files.walk(TestDataSets.hongKong().resolve("restaurants"))
                    .filter(p -> p.getFileName().toString().equals("central-district.json")).findFirst().orElseThrow();
            String key = "hk/" + TestDataSets.hongKong().relativize(central).toString().replace('\\', '/');
            String emptied = new String(Files.readAllBytes(central)).replaceAll("(?s)\"restaurants\"\\s*:\\s*\\[.*\\]",
                    "\"restaurants\": []");
            put(key, emptied.getBytes());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(totalCount(client, "Central district")).isZero());
            String after = new RawMcpHttp(server.port()).get("/health").body();
            assertThatJson(after).inPath("data_set.restaurants").isEqualTo(1849 - 63);
            assertThatJson(after).inPath("data_set.reloading.reloads").isEqualTo(1);
            assertThatJson(after).inPath("data_set.reloading.last_error").isEqualTo(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int totalCount(McpTestClient client, String district) {
        Map<String, Object> found = McpTestClient.data(client.callChecked("search_restaurants_by_district",
                Map.of("districts", List.of(district), "limit", 1)));
        return ((Number) found.get("total_count")).intValue();
    }
}
