package io.mcpgateway.gateway.backend.http1;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.testsupport.ScriptedServer;

/**
 * An answer its caller finds out of step (not the reply to its request) takes its connection out of use, without
 * disturbing an exchange that took the connection meanwhile.
 */
class OutOfStepAnswerTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Http1Client client = new Http1Client(new ConnectionPoolSettings(1, 4, Duration.ofSeconds(30), 1024),
            Duration.ofSeconds(2), "test-agent");
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private Http1Client.Response post() throws IOException {
        return client.post(server.uri("/mcp"), Map.of(), "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                TIMEOUT);
    }

    @Test
    void anIdleConnectionIsClosedAtOnce() throws Exception {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            while (readRequest(in) != null) {
                send(socket, OK);
            }
        });
        Http1Client.Response stray = post();

        stray.outOfStep().run();

        assertThat(client.openConnections()).isZero();
        assertThat(post().status()).isEqualTo(200);
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void anExchangeThatTookTheConnectionMeanwhileEndsWellAndTheConnectionIsClosedAfterIt() throws Exception {
        CountDownLatch secondArrived = new CountDownLatch(1);
        CountDownLatch answerSecond = new CountDownLatch(1);
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            for (int n = 0; readRequest(in) != null; n++) {
                if (n == 1) {
                    secondArrived.countDown();
                    answerSecond.await();
                }
                send(socket, OK);
            }
        });
        Http1Client.Response stray = post();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return post().status();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
        assertThat(secondArrived.await(5, TimeUnit.SECONDS)).isTrue();

        stray.outOfStep().run(); // the first caller finds its answer was not its own, while the second waits on it
        answerSecond.countDown();

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(server.accepted()).isEqualTo(1);
        assertThat(client.openConnections()).as("closed once the second exchange ended").isZero();
        assertThat(post().status()).isEqualTo(200);
        assertThat(server.accepted()).isEqualTo(2);
    }
}
