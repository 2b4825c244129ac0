package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ManualClock;
import io.mcpgateway.testsupport.ScriptedServer;

/** Callers that need the issuer's keys while its discovery document does not answer. */
@Timeout(30)
class IssuerKeysDiscoveryConcurrencyTest {

    /** IssuerKeys' own bounds: a discovery waits 5 s for its answer, and is retried at most every 5 s. */
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().start(task);

    /**
     * Discovery runs under a lock, and a failed one is to answer the calls of the next few seconds without another. But
     * its time is taken when it starts: one that took its whole 5-s timeout has aged out of the 5-s retry interval when
     * it ends, so the caller that waited for it on the lock makes its own, and so does each after it. With a hanging
     * identity provider the n-th caller with a token not yet verified waits n × 5 s instead of failing fast.
     */
    @Test
    void aCallerThatWaitedForADiscoveryThatTimedOutTakesItsFailureInsteadOfWaitingForAnother() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch firstAsked = new CountDownLatch(1);
        CountDownLatch timedOut = new CountDownLatch(1);
        try (ScriptedServer issuer = new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            asked.incrementAndGet();
            firstAsked.countDown();
            timedOut.await(20, TimeUnit.SECONDS);
            ScriptedServer.send(socket, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
        }); HttpClient http = HttpClient.newHttpClient()) {
            String url = issuer.uri("").toString();
            IssuerKeys keys = new IssuerKeys(new AuthSettings(url, null, List.of("app"), Set.of("access"),
                    Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30), List.of()), http, Json.newMapper(),
                    clock);
            CompletableFuture<Void> first = CompletableFuture.runAsync(keys::load, VIRTUAL);
            assertThat(firstAsked.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                waiter.set(Thread.currentThread());
                keys.load();
            }, VIRTUAL);
            await().atMost(Duration.ofSeconds(10)).until(() -> waiter.get() != null
                    && waiter.get().getState() == Thread.State.WAITING); // for the lock the discovery holds

            clock.advance(DISCOVERY_TIMEOUT); // the first discovery took its whole timeout
            timedOut.countDown();

            assertThatThrownBy(first::join).hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(waiting::join).hasCauseInstanceOf(IllegalStateException.class);

            assertThat(asked.get()).as("discovery requests: the waiting caller took the failure it waited for")
                    .isEqualTo(1);
        }
    }
}
