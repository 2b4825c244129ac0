package io.mcpgateway.gateway.backend.http1;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.testsupport.ScriptedServer;

/** A call its client cancelled ends at once, wherever it is, and leaves the backend's connections as they were. */
class AbortSignalTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    private static final Duration LONG = Duration.ofSeconds(30);

    private final Http1Client client = new Http1Client(new ConnectionPoolSettings(1, 4, LONG, 1024),
            Duration.ofSeconds(2), "test-agent");
    private final CountDownLatch answer = new CountDownLatch(1);
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        answer.countDown();
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /** Answers each request once {@link #answer} is counted down. */
    private void serveWhenReleased() throws IOException {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            while (readRequest(in) != null) {
                answer.await();
                send(socket, OK);
            }
        });
    }

    private int post() {
        try {
            return client.post(server.uri("/mcp"), Map.of(), "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), LONG).status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Integer> postInBackground(AbortSignal signal) {
        return CompletableFuture.supplyAsync(() -> signal.during(this::post), Thread::startVirtualThread);
    }

    /** A call that holds the pool's one connection until {@link #answer} is counted down. */
    private CompletableFuture<Integer> occupyTheConnection() throws Exception {
        serveWhenReleased();
        CompletableFuture<Integer> call = postInBackground(new AbortSignal());
        awaitUntil(() -> client.activeConnections() == 1);
        return call;
    }

    private void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void aCallWaitingForAConnectionEndsWhenAbortedAndLeavesTheConnectionOpen() throws Exception {
        CompletableFuture<Integer> first = occupyTheConnection();
        AbortSignal signal = new AbortSignal();
        CompletableFuture<Integer> queued = postInBackground(signal);
        awaitUntil(() -> client.waitingCalls() == 1);

        signal.abort();

        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(DeadlineException.class);
        assertThat(client.waitingCalls()).as("its place in the queue is given up").isZero();
        answer.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(post()).isEqualTo(200);
        assertThat(server.accepted()).as("the connection served on, not closed for the aborted call").isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCallAbortedBeforeItStartsOpensNoConnection() throws Exception {
        serveWhenReleased();
        AbortSignal signal = new AbortSignal();
        signal.abort();

        assertThatThrownBy(() -> postInBackground(signal).get(5, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(DeadlineException.class);
        assertThat(server.accepted()).isZero();
    }

    @Test
    void theThreadOfAnAbortedWaitCarriesNoInterruptOnward() throws Exception {
        CompletableFuture<Integer> first = occupyTheConnection();
        AbortSignal signal = new AbortSignal();
        CompletableFuture<Boolean> interruptedAfter = CompletableFuture.supplyAsync(() -> signal.during(() -> {
            try {
                post();
            } catch (UncheckedIOException expected) {
                // ended by the abort
            }
            return Thread.currentThread().isInterrupted();
        }), Thread::startVirtualThread);
        awaitUntil(() -> client.waitingCalls() == 1);

        signal.abort();

        assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isFalse();
        answer.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
    }
}
