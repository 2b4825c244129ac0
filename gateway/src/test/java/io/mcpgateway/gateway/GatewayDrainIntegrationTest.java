package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stopping gateway with {@code server.drain_ms}: it serves on, unready and closing connections, then stops. */
@Timeout(60)
class GatewayDrainIntegrationTest {

    private static final String SEARCH = "/api/v1/restaurants/search/district";
    private static final String BODY = "{\"districts\": [\"Central district\"]}";

    @Test
    void aDrainingGatewayServesButIsNotReadyAndClosesEveryConnectionThenStops() throws Exception {
        try (GatewayFixture system = new GatewayFixture(Map.of(),
                config -> config.withServer(config.server().withDrain(Duration.ofSeconds(3))))) {
            assertThat(awaitReady(system, r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
            HttpResponse<String> before = system.postWithToken(SEARCH, BODY);
            assertThat(before.headers().firstValue("Connection")).isEmpty();

            URI live = system.url("/health/live");
            Thread stopping = Thread.ofPlatform().name("stopping").start(system::stopGateway);

            HttpResponse<String> ready = awaitReady(system, r -> r.statusCode() == 503);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThatJson(ready.body()).inPath("status").isEqualTo("draining");
            HttpResponse<String> during = system.postWithToken(SEARCH, BODY);
            assertThat(during.statusCode()).as("still served while draining").isEqualTo(200);
            assertThatJson(during.body()).inPath("data.count").isEqualTo(63);
            assertThat(during.headers().firstValue("Connection")).hasValue("close");

            stopping.join(Duration.ofSeconds(30));
            assertThat(stopping.isAlive()).as("stopped after the drain").isFalse();
            assertThatThrownBy(() -> system.send(HttpRequest.newBuilder(live))).as("no longer accepting")
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }

    private static HttpResponse<String> awaitReady(GatewayFixture system, Predicate<HttpResponse<String>> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = system.get("/health/ready");
        while (!expected.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = system.get("/health/ready");
        }
        return response;
    }
}
