package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LocalBucketStoreTest {

    private static final LimitWindow BURST = LimitWindow.burst(20, Duration.ofSeconds(10));

    private final ManualTimeMeter time = new ManualTimeMeter();

    @Test
    void aBucketIdleForItsWholeWindowIsDropped() {
        LocalBucketStore store = new LocalBucketStore(time, 1_000);
        store.tryConsume("a", BURST);
        store.tryConsume("b", BURST);

        time.advance(Duration.ofSeconds(11));

        assertThat(store.size()).isZero();
    }

    @Test
    void aBucketInUseIsKept() {
        LocalBucketStore store = new LocalBucketStore(time, 1_000);
        store.tryConsume("a", BURST);
        time.advance(Duration.ofSeconds(8));
        store.tryConsume("a", BURST);

        time.advance(Duration.ofSeconds(8));

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.tryConsume("a", BURST).getRemainingTokens()).as("the window restarted at 10 s").isEqualTo(19);
    }

    @Test
    void manyCallersCannotGrowTheStorePastItsBound() {
        LocalBucketStore store = new LocalBucketStore(time, 100);

        for (int i = 0; i < 5_000; i++) {
            store.tryConsume("caller-" + i, BURST);
        }

        assertThat(store.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void aRefundGivesTheTokenBack() {
        LocalBucketStore store = new LocalBucketStore(time, 1_000);
        store.tryConsume("a", BURST);

        store.refund("a", BURST);

        assertThat(store.tryConsume("a", BURST).getRemainingTokens()).isEqualTo(19);
    }
}
