package io.mcpgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;

/** Tool answers to clients that accept gzip: compressed at the default level 1, plain at level 0. */
@Timeout(60)
class ResponseCompressionIntegrationTest {

    private static final String DISTRICT_SEARCH = "/api/v1/restaurants/search/district";
    private static final String BODY = "{\"districts\": [\"Central district\"]}";
    private static final String MCP_CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"search_restaurants_by_district\",\"arguments\":{\"districts\":[\"Central district\"]}}}";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AtTheDefaultLevel {

        private GatewayFixture system;

        @BeforeAll
        void start() {
            system = new GatewayFixture();
        }

        @AfterAll
        void stop() {
            system.close();
        }

        @Test
        void answersFromTheBackendAndFromTheCacheDecompressToThePlainAnswer() throws Exception {
            JsonNode plain = system.mapper.readTree(send(DISTRICT_SEARCH, BODY, null).body());

            HttpResponse<byte[]> miss = send(DISTRICT_SEARCH, BODY, "gzip", "Cache-Control", "no-cache");
            HttpResponse<byte[]> hit = send(DISTRICT_SEARCH, BODY, "gzip");
            HttpResponse<byte[]> hitAgain = send(DISTRICT_SEARCH, BODY, "deflate, gzip;q=0.8");

            for (HttpResponse<byte[]> answer : java.util.List.of(miss, hit, hitAgain)) {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
                assertThat(answer.headers().firstValue("Vary")).hasValue("Accept-Encoding");
                assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(answer.body().length);
                JsonNode unzipped = system.mapper.readTree(gunzip(answer.body()));
                assertThat(unzipped.path("success").asBoolean()).isTrue();
                assertThat(unzipped.path("data")).isEqualTo(plain.path("data"));
                assertThat(unzipped.path("metadata").path("request_id").asString())
                        .isEqualTo(answer.headers().firstValue("X-Request-ID").orElseThrow());
            }
            assertThat(miss.headers().firstValue("X-Cache")).hasValue("BYPASS");
            assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
            assertThat(hitAgain.headers().firstValue("X-Cache")).hasValue("HIT");
            assertThat(hit.body().length).as("compressed").isLessThan(plain.toString().length() / 3);
        }

        @Test
        void mcpToolResultsAreCompressedToo() throws Exception {
            HttpResponse<byte[]> plain = send("/mcp", MCP_CALL, null);
            HttpResponse<byte[]> gzipped = send("/mcp", MCP_CALL, "gzip");

            assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(system.mapper.readTree(gunzip(gzipped.body())))
                    .isEqualTo(system.mapper.readTree(plain.body()));
        }

        @Test
        void everyAnswerSaysItVariesWithAcceptEncodingGzippedOrNot() throws Exception {
            for (String path : new String[] {"/tools/metadata", "/openapi.json", "/metrics", "/health"}) {
                HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(system.url(path))
                        .header("Accept-Encoding", "gzip").header("Authorization", "Bearer " + system.token()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                HttpResponse<byte[]> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(system.url(path))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());

                assertThat(gzipped.headers().allValues("Vary")).as(path).contains("Accept-Encoding");
                assertThat(plain.headers().allValues("Vary")).as(path).contains("Accept-Encoding");
            }
        }

        @Test
        void clientsThatRefuseGzipGetPlainJson() throws Exception {
            for (String refusing : new String[] {"gzip;q=0", "br", "identity", "*;q=0"}) {
                HttpResponse<byte[]> answer = send(DISTRICT_SEARCH, BODY, refusing);

                assertThat(answer.statusCode()).as(refusing).isEqualTo(200);
                assertThat(answer.headers().firstValue("Content-Encoding")).as(refusing).isEmpty();
                assertThat(system.mapper.readTree(answer.body()).path("data").path("count").asInt()).isEqualTo(63);
            }
        }

        private HttpResponse<byte[]> send(String path, String body, String acceptEncoding, String... headers)
                throws Exception {
            return ResponseCompressionIntegrationTest.send(system, path, body, acceptEncoding, headers);
        }
    }

    @Test
    void atLevelZeroAnswersAreNotCompressedEvenForClientsThatAsk() throws Exception {
        try (GatewayFixture system = new GatewayFixture(Map.of(),
                config -> config.withServer(config.server().withGzipLevel(0)))) {
            for (String path : new String[] {DISTRICT_SEARCH, "/mcp"}) {
                HttpResponse<byte[]> answer = send(system, path, path.equals("/mcp") ? MCP_CALL : BODY, "gzip");

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
                assertThat(system.mapper.readTree(answer.body()).toString()).contains("\"count\":63");
            }
        }
    }

    private static HttpResponse<byte[]> send(GatewayFixture system, String path, String body, String acceptEncoding,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.url(path))
                .header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
