package io.mcpgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a stop cuts a reload's waiting short, and only that. */
@Timeout(10)
class CancellationTest {

    @Test
    void aPartNotCancelledRunsAsItIs() {
        AtomicBoolean ran = new AtomicBoolean();

        new Cancellation().waitOn(() -> ran.set(true));

        assertThat(ran).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCancelInterruptsThePartWaitingAndWhatFollowsRunsUninterrupted() throws Exception {
        Cancellation cancellation = new Cancellation();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread reload = Thread.ofVirtual().start(() -> {
            try {
                cancellation.waitOn(() -> {
                    waiting.countDown();
                    try {
                        Thread.sleep(60_000); // a key server that never answers
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // as the HTTP clients leave it
                    }
                });
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        waiting.await();

        cancellation.cancel();
        reload.join();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessage("the gateway is stopping");
        assertThat(interruptedAfter).isFalse();
    }

    @Test
    void afterACancelNoPartRuns() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> cancellation.waitOn(() -> ran.set(true))).isInstanceOf(CancellationException.class);
        assertThat(ran).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
