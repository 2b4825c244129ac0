package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_UPDATE;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;

/**
 * An MCP client's {@code notifications/cancelled} for a {@code tools/call} of its own under way on the gateway's
 * {@code /mcp}: the backend exchange ends, a backend that keeps sessions is told, its circuit breaker does not count
 * it, and the request is answered with an error the client ignores. No one else can cancel it.
 */
class McpCancellationIntegrationTest {

    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"update\",\"arguments\":{\"q\":\"x\"}}}";
    /** A breaker that two failures in two calls would open for a minute. */
    private static final String TOUCHY_BREAKER = "{max_attempts: 1, minimum_calls: 2, sliding_window_size: 2,"
            + " failure_rate_threshold_percent: 50, wait_in_open_seconds: 60, half_open_calls: 1}";

    private static String cancel(Object requestId) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                + (requestId instanceof String text ? "\"" + text + "\"" : requestId) + ",\"reason\":\"user\"}}";
    }

    @Test
    void theCallEndsAtItsBackendWhichIsToldAndNotBlamed() throws Exception {
        try (var env = new FaultInjectionGateway(20_000, 20_000, TOUCHY_BREAKER, "", Map.of(), "",
                server -> server.requireSessions());
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            env.alpha.always(Behaviour.hang());
            for (int i = 0; i < 3; i++) {
                int before = env.alpha.calls("update");
                CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> env.postMcp(CALL),
                        clients);
                await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.calls("update") > before);

                assertThat(env.postMcp(cancel(41)).statusCode()).isEqualTo(202);

                HttpResponse<String> answer = call.get(5, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThatJson(answer.body()).inPath("result.isError").isEqualTo(true);
                assertThatJson(answer.body()).inPath("result.structuredContent.error.code").isEqualTo("CANCELLED");
            }
            long callId = env.alpha.callIds().getLast();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.alpha.notices())
                    .contains("notifications/cancelled {\"requestId\":" + callId + ",\"reason\":\"its client"
                            + " cancelled it\"} in session-1"));

            env.alpha.always(Behaviour.answer());
            assertThat(env.post(ALPHA_UPDATE).statusCode()).as("three cancellations did not open the breaker")
                    .isEqualTo(200);
        }
    }

    @Test
    void anotherCallerOrAnotherIdCancelsNothing() throws Exception {
        try (var env = new FaultInjectionGateway(20_000, 20_000, TOUCHY_BREAKER);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient http = HttpClient.newHttpClient()) {
            env.alpha.always(Behaviour.slow(Duration.ofMillis(1500)));
            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> env.postMcp(CALL),
                    clients);
            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.calls("update") > 0);
            String intruder = env.oauth().issueToken("default", "intruder", FaultInjectionGateway.CLIENT_ID,
                    Map.of()).serialize();

            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(env.url("/mcp"))
                    .header("Authorization", "Bearer " + intruder).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(cancel(41))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(202);
            assertThat(env.postMcp(cancel("41")).statusCode()).as("the id \"41\" is not 41").isEqualTo(202);
            assertThat(env.postMcp(cancel(42)).statusCode()).isEqualTo(202);

            HttpResponse<String> answer = call.get(10, TimeUnit.SECONDS);
            assertThatJson(answer.body()).inPath("result.isError").isEqualTo(false);
        }
    }
}
