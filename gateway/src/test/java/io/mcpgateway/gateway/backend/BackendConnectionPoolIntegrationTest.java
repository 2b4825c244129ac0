package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;

/** The connections the gateway keeps to a backend: bounded, kept alive, and never held by a slow or huge answer. */
@Timeout(120)
class BackendConnectionPoolIntegrationTest {

    private static final String RETRIES_AND_BREAKER_OFF =
            "{max_attempts: 1, minimum_calls: 10000, sliding_window_size: 10000}";

    @Test
    void sequentialCallsReuseOneKeptAliveConnection() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF)) {
            for (int i = 0; i < 20; i++) {
                assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            }

            assertThat(env.alpha.calls("lookup")).isEqualTo(20);
            assertThat(env.alpha.connectionsSeen()).as("twenty calls over one kept-alive connection").isEqualTo(1);
            assertThat(env.get("/metrics/prometheus").body())
                    .contains("gateway_backend_connections{backend=\"alpha\",state=\"open\"} 1.0");
        }
    }

    @Test
    void concurrentCallsBeyondThePoolWaitForAConnectionInsteadOfOpeningMore() {
        try (var env = new FaultInjectionGateway(20_000, 20_000, RETRIES_AND_BREAKER_OFF, ", max_connections: 2",
                Map.of())) {
            env.alpha.always(Behaviour.hang());
            List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 6)
                    .mapToObj(i -> env.postAsync(ALPHA_LOOKUP)).toList();

            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.inFlight() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> env.alpha.inFlight() == 2);
            assertThat(env.get("/metrics/prometheus").body())
                    .contains("gateway_backend_connections{backend=\"alpha\",state=\"open\"} 2.0")
                    .contains("gateway_backend_connections{backend=\"alpha\",state=\"active\"} 2.0");

            env.alpha.always(Behaviour.answer()).releaseHungCalls();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                env.alpha.releaseHungCalls();
                return calls.stream().allMatch(CompletableFuture::isDone);
            });
            assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
            assertThat(env.alpha.connectionsSeen()).isEqualTo(2);
        }
    }

    @Test
    void callsBeyondTheQueueAreRefusedAtOnceWith503() {
        try (var env = new FaultInjectionGateway(20_000, 20_000, RETRIES_AND_BREAKER_OFF,
                ", max_connections: 1, max_queued_calls: 1", Map.of())) {
            env.alpha.always(Behaviour.hang());
            CompletableFuture<HttpResponse<String>> first = env.postAsync(ALPHA_LOOKUP);
            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.inFlight() == 1);
            CompletableFuture<HttpResponse<String>> queued = env.postAsync(ALPHA_LOOKUP);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !queued.isDone());

            HttpResponse<String> refused = env.post(ALPHA_LOOKUP);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThatJson(refused.body()).inPath("error.code").isEqualTo("BACKEND_BUSY");
            assertThatJson(refused.body()).inPath("error.message").isEqualTo("The gateway's connections to backend"
                    + " 'alpha' are all in use and their queue (1 call at most) is full; try again shortly");
            assertThatJson(refused.body()).inPath("error.details.max_queued_calls").isEqualTo(1);
            env.alpha.always(Behaviour.answer()).releaseHungCalls();
            assertThat(first.join().statusCode()).isEqualTo(200);
            assertThat(queued.join().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void callsRefusedForAFullQueueAreNeitherRetriedNorCountedAgainstTheBackend() {
        try (var env = new FaultInjectionGateway(20_000, 20_000, "{max_attempts: 3, minimum_calls: 1,"
                + " sliding_window_size: 1}", ", max_connections: 1, max_queued_calls: 1", Map.of())) {
            env.alpha.always(Behaviour.hang());
            CompletableFuture<HttpResponse<String>> first = env.postAsync(ALPHA_LOOKUP);
            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.inFlight() == 1);
            CompletableFuture<HttpResponse<String>> queued = env.postAsync(ALPHA_LOOKUP);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !queued.isDone());

            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(503);

            assertThatJson(env.get("/health").body()).as("one refusal would open a window of one")
                    .inPath("backends.alpha.circuit_breaker").isEqualTo("closed");
            assertThatJson(env.get("/metrics").body()).inPath("resilience.alpha.retries").isEqualTo(0);
            env.alpha.always(Behaviour.answer()).releaseHungCalls();
            assertThat(first.join().statusCode()).isEqualTo(200);
            assertThat(queued.join().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBodyThatTrickles504sWithinTheRequestTimeout() {
        try (var env = new FaultInjectionGateway(500, 5_000, RETRIES_AND_BREAKER_OFF)) {
            env.alpha.always(Behaviour.slowBody(Duration.ofSeconds(30)));
            long start = System.nanoTime();

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
            assertThatJson(response.body()).inPath("error.code").isEqualTo("BACKEND_TIMEOUT");
            assertThatJson(response.body()).inPath("error.details.timeout_ms").isEqualTo(500);
            // the rest of the body comes only after 30 s: a read that waited for it would take that long. The bound
            // leaves room for a first request in a cold JVM on a loaded machine (over 3 s seen for this 500 ms call)
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {100, 100_000, 1_100_000})
    void answersOfEverySizeArriveWholeOnRestAndMcp(int size) {
        // within one of Jetty's 32 KB output buffers, and over several of them
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF)) {
            env.alpha.next(Behaviour.largeAnswer(size));
            HttpResponse<String> rest = env.post(ALPHA_LOOKUP);
            env.alpha.next(Behaviour.largeAnswer(size));
            HttpResponse<String> mcp = env.postMcp("""
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"alpha___lookup","arguments":{}}}""");

            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(rest.headers().firstValueAsLong("Content-Length")).hasValue(rest.body().length());
            assertThatJson(rest.body()).inPath("data.padding").isString().hasSize(size);
            assertThat(mcp.statusCode()).isEqualTo(200);
            assertThatJson(mcp.body()).inPath("result.structuredContent.data.padding").isString().hasSize(size);
        }
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefusedNotBuffered() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF,
                ", max_response_bytes: 65536", Map.of())) {
            env.alpha.next(Behaviour.largeAnswer(200_000));

            HttpResponse<String> tooLarge = env.post(ALPHA_LOOKUP);

            assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(503);
            assertThatJson(tooLarge.body()).inPath("error.code").isEqualTo("BACKEND_INVALID_RESPONSE");
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).as("the next, normal answer").isEqualTo(200);
        }
    }
}
