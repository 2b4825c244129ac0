package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;

/** Stopping the gateway (what its SIGTERM hook does) refuses new connections but lets calls in flight finish. */
@Timeout(60)
class GracefulShutdownIntegrationTest {

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestInFlightCompletesWhileNewConnectionsAreRefused() {
        try (var env = new FaultInjectionGateway(20_000, 20_000, "{max_attempts: 1}")) {
            int port = env.gateway.port();
            env.alpha.always(Behaviour.hang());
            CompletableFuture<HttpResponse<String>> inFlight = env.postAsync(ALPHA_LOOKUP);
            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.inFlight() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(env.gateway::close);
            await().atMost(Duration.ofSeconds(5)).until(() -> !acceptsConnections(port));
            assertThat(inFlight).isNotDone();
            assertThat(stopping).isNotDone();

            env.alpha.releaseHungCalls();

            assertThat(inFlight.join().statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(stopping::isDone);
            assertThat(acceptsConnections(port)).isFalse();
        }
    }
}
