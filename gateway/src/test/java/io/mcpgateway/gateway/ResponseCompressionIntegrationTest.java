package io.mcpgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code server.gzip_level: 0} turns compression off (the default level 1 is checked end to end elsewhere). */
@Timeout(60)
class ResponseCompressionIntegrationTest {

    @Test
    void atLevelZeroAnswersAreNotCompressedEvenForClientsThatAsk() throws Exception {
        try (GatewayFixture system = new GatewayFixture(Map.of(),
                config -> config.withServer(config.server().withGzipLevel(0)))) {
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(system.url("/api/v1/restaurants/search/district"))
                    .header("Authorization", "Bearer " + system.token())
                    .header("Content-Type", "application/json")
                    .header("Accept-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central district\"]}")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(system.mapper.readTree(answer.body()).path("data").path("count").asInt()).isEqualTo(63);
        }
    }
}
