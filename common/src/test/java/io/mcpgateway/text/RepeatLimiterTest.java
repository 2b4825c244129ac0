package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RepeatLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RepeatLimiter lines = new RepeatLimiter(Duration.ofSeconds(10), nanos::get);

    @Test
    void theFirstLineGoesAtOnceThenOneAnIntervalCountingThoseHeldBack() {
        assertThat(lines.admit()).isZero();
        assertThat(lines.admit()).isEqualTo(RepeatLimiter.HOLD);
        assertThat(lines.admit()).isEqualTo(RepeatLimiter.HOLD);
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(lines.admit()).isEqualTo(RepeatLimiter.HOLD);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(lines.admit()).isEqualTo(3);
        assertThat(lines.admit()).isEqualTo(RepeatLimiter.HOLD);
    }

    @Test
    void aLineAfterAQuietIntervalGoesAtOnceWithNothingHeldBack() {
        lines.admit();
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(lines.admit()).isZero();
        assertThat(RepeatLimiter.heldBack(0)).isEmpty();
        assertThat(RepeatLimiter.heldBack(3)).isEqualTo(" (3 more like it since the last)");
    }
}
