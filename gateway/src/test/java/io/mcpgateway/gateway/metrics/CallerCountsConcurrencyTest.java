package io.mcpgateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * {@link CallerCounts#top} runs on {@code GET /metrics} while every authenticated request counts its caller on other
 * threads.
 */
class CallerCountsConcurrencyTest {

    private static final int CALLERS = 1_000;
    private static final int LOOKS = 5_000;

    /**
     * The busiest callers are sorted by their live counters: a count that grows during the sort makes the comparator
     * inconsistent, and TimSort refuses with "Comparison method violates its general contract!" (a 500 on
     * {@code /metrics}). The counts must be read once, then sorted.
     */
    @Test
    void theBusiestCallersCanBeReadWhileCallersAreCounted() throws Exception {
        CallerCounts counts = new CallerCounts();
        for (int i = 0; i < CALLERS; i++) {
            counts.increment("caller-" + i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread requests = Thread.ofPlatform().name("requests").start(() -> {
            while (!stop.get()) {
                counts.increment("caller-" + ThreadLocalRandom.current().nextInt(CALLERS));
            }
        });
        try {
            assertThatCode(() -> {
                for (int i = 0; i < LOOKS; i++) {
                    counts.top(10);
                }
            }).doesNotThrowAnyException();
        } finally {
            stop.set(true);
            requests.join();
        }
    }
}
