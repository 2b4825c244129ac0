package io.mcpgateway.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.http1.AbortSignal;

/** A client's cancellation ends its own call of that id, and no call of another session or caller. */
class CancellableCallsTest {

    private static final Caller ALICE = caller("alice");
    private static final Caller BOB = caller("bob");

    private final CancellableCalls calls = new CancellableCalls();
    private final CountDownLatch finish = new CountDownLatch(1);

    @AfterEach
    void finishAll() {
        finish.countDown();
    }

    private static Caller caller(String subject) {
        return new Caller(subject, "app", subject, Set.of(), Set.of(), "access", Instant.MAX);
    }

    /** A call under way until {@link #finish} or its cancellation; answers whether it was cancelled. */
    private CompletableFuture<Boolean> start(Caller caller, Object id, CountDownLatch started,
            CountDownLatch finishThis) {
        return CompletableFuture.supplyAsync(() -> calls.run(caller, id, () -> {
            started.countDown();
            try {
                while (!AbortSignal.currentAborted() && !finishThis.await(5, TimeUnit.MILLISECONDS)) {
                    // waits as a backend exchange would
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AbortSignal.currentAborted();
        }), Thread::startVirtualThread);
    }

    @Test
    void theCallersOwnCallOfThatIdIsCancelledAndNoOneElseCanCancelIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> call = start(ALICE, 1, started, finish);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(calls.cancel(BOB, 1)).as("another caller").isFalse();
        assertThat(calls.cancel(ALICE, "1")).as("another id: \"1\" is not 1").isFalse();
        assertThat(calls.cancel(ALICE, 1)).isTrue();

        assertThat(call.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.cancel(ALICE, 1)).as("answered: nothing left to cancel").isFalse();
    }

    @Test
    void anIdTwoCallsOfTheCallerShareCancelsNeitherUntilOneIsLeft() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> first = start(ALICE, 1, started, finishFirst); // two sessions, one token
        CompletableFuture<Boolean> second = start(ALICE, 1, started, finish);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(calls.cancel(ALICE, 1)).isFalse();

        finishFirst.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).as("not cancelled").isFalse();
        assertThat(second).isNotDone();
        assertThat(calls.cancel(ALICE, 1)).as("one call of that id left: its own").isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
    }
}
