package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.RateLimitSettings;
import io.mcpgateway.gateway.config.RateLimitSettings.RouteLimit;

@Timeout(10)
class RateLimiterTest {

    private static final String ROUTE = "/api/v1/restaurants/analyze";
    private static final String OTHER_ROUTE = "/api/v1/restaurants/recommend";
    private static final Duration BURST_WINDOW = Duration.ofSeconds(10);

    private final ManualTimeMeter time = new ManualTimeMeter();
    private final LocalBucketStore store = new LocalBucketStore(time, 1_000);

    private RateLimiter limiter(long perMinute, long burst, Map<String, RouteLimit> routes) {
        return new RateLimiter(new RateLimitSettings(perMinute, burst, BURST_WINDOW, null, routes), store);
    }

    private RateLimiter defaults() {
        return limiter(RateLimitSettings.DEFAULT_PER_MINUTE, RateLimitSettings.DEFAULT_BURST, Map.of());
    }

    /** A limiter with the default limits after {@code caller} spent its whole burst on ROUTE. */
    private RateLimiter afterBurstOf(String caller) {
        RateLimiter limiter = defaults();
        passTimes(limiter, caller, ROUTE, 20);
        return limiter;
    }

    private static RateDecision passTimes(RateLimiter limiter, String caller, String route, int times) {
        RateDecision last = null;
        for (int i = 1; i <= times; i++) {
            last = limiter.check(caller, route).orElseThrow();
            assertThat(last.admitted()).as("request %d of %s", i, caller).isTrue();
        }
        return last;
    }

    @Nested
    class Burst {

        @Test
        void twentyRequestsPassAndTheTwentyFirstIsRefused() {
            RateLimiter limiter = afterBurstOf("alice");

            RateDecision refused = limiter.check("alice", ROUTE).orElseThrow();

            assertThat(refused.admitted()).isFalse();
            assertThat(refused.limit().name()).isEqualTo(LimitWindow.BURST);
            assertThat(refused.remaining()).isZero();
        }

        @Test
        void theWholeBurstComesBackWhenItsWindowEnds() {
            RateLimiter limiter = afterBurstOf("alice");

            time.advance(BURST_WINDOW);

            passTimes(limiter, "alice", ROUTE, 20);
            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();
        }

        @Test
        void aRequestTheBurstRefusesDoesNotSpendTheMinute() {
            RateLimiter limiter = limiter(10, 2, Map.of());
            passTimes(limiter, "alice", ROUTE, 2);

            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();

            LimitWindow minute = LimitWindow.perMinute(10);
            String key = minute.key(RateLimitSettings.SHARED_SCOPE, "alice");
            assertThat(BucketChecks.checkOne(store, key, minute).remaining())
                    .as("10 - 2 admitted - this probe").isEqualTo(7);
        }

        @Test
        void nothingComesBackBeforeTheWindowEnds() {
            RateLimiter limiter = afterBurstOf("alice");

            time.advance(BURST_WINDOW.minusMillis(1));

            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();
        }
    }

    @Nested
    class PerMinute {

        @Test
        void theMinuteLimitHoldsAcrossBurstWindows() {
            RateLimiter limiter = limiter(30, 20, Map.of());
            passTimes(limiter, "alice", ROUTE, 20);
            time.advance(BURST_WINDOW);
            passTimes(limiter, "alice", ROUTE, 10);

            RateDecision refused = limiter.check("alice", ROUTE).orElseThrow();

            assertThat(refused.admitted()).isFalse();
            assertThat(refused.limit()).isEqualTo(LimitWindow.perMinute(30));
            assertThat(refused.resetSeconds()).isEqualTo(50);
        }

        @Test
        void theMinuteComesBackAfterSixtySeconds() {
            RateLimiter limiter = limiter(5, 0, Map.of());
            passTimes(limiter, "alice", ROUTE, 5);
            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();

            time.advance(Duration.ofSeconds(60));

            passTimes(limiter, "alice", ROUTE, 5);
        }

        @Test
        void withTheBurstAndTheMinuteBothSpentTheRefusalNamesTheMinutesLongerWait() {
            RateLimiter limiter = limiter(3, 3, Map.of());
            passTimes(limiter, "alice", ROUTE, 3);
            time.advance(Duration.ofSeconds(2));

            RateDecision refused = limiter.check("alice", ROUTE).orElseThrow();

            assertThat(refused.admitted()).isFalse();
            assertThat(refused.limit()).isEqualTo(LimitWindow.perMinute(3));
            assertThat(refused.resetSeconds()).isEqualTo(58);
        }

        @Test
        void aRequestTheMinuteRefusesDoesNotSpendTheBurst() {
            RateLimiter limiter = limiter(2, 5, Map.of());
            passTimes(limiter, "alice", ROUTE, 2);

            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();

            LimitWindow burst = LimitWindow.burst(5, BURST_WINDOW);
            String key = burst.key(RateLimitSettings.SHARED_SCOPE, "alice");
            assertThat(BucketChecks.checkOne(store, key, burst).remaining())
                    .as("5 - 2 admitted - this probe").isEqualTo(2);
        }
    }

    @Nested
    class StoreSteps {

        @Test
        void everyCheckIsOneStepOfTheStoreWhateverItsOutcome() {
            AtomicInteger steps = new AtomicInteger();
            BucketStore counted = buckets -> {
                steps.incrementAndGet();
                return store.tryConsume(buckets);
            };
            RateLimiter limiter = new RateLimiter(new RateLimitSettings(3, 2, BURST_WINDOW, null, Map.of()), counted);

            for (int i = 0; i < 5; i++) {
                limiter.check("alice", ROUTE);
            }

            assertThat(steps).hasValue(5);
        }
    }

    @Nested
    class Isolation {

        @Test
        void anotherCallerHasItsOwnLimits() {
            RateLimiter limiter = afterBurstOf("alice");
            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();

            RateDecision bob = limiter.check("bob", ROUTE).orElseThrow();

            assertThat(bob.admitted()).isTrue();
            assertThat(bob.remaining()).isEqualTo(19);
        }

        @Test
        void routesWithoutAnOverrideShareTheCallersLimits() {
            RateLimiter limiter = afterBurstOf("alice");

            RateDecision elsewhere = limiter.check("alice", OTHER_ROUTE).orElseThrow();

            assertThat(elsewhere.admitted()).isFalse();
            assertThat(limiter.check("bob", OTHER_ROUTE).orElseThrow().admitted()).isTrue();
        }
    }

    @Nested
    class RouteOverrides {

        @Test
        void anOverrideReplacesTheDefaultsOnItsRouteOnly() {
            RateLimiter limiter = limiter(100, 20, Map.of(OTHER_ROUTE, new RouteLimit(50, 3)));

            passTimes(limiter, "alice", OTHER_ROUTE, 3);
            RateDecision refused = limiter.check("alice", OTHER_ROUTE).orElseThrow();
            RateDecision elsewhere = passTimes(limiter, "alice", ROUTE, 4);

            assertThat(refused.admitted()).isFalse();
            assertThat(refused.limit().capacity()).isEqualTo(3);
            assertThat(elsewhere.limit().capacity()).isEqualTo(20);
            assertThat(elsewhere.remaining()).isEqualTo(16);
        }

        @Test
        void requestsToARouteWithAnOverrideDoNotSpendTheSharedLimits() {
            RateLimiter limiter = limiter(100, 20, Map.of(OTHER_ROUTE, new RouteLimit(50, 30)));

            passTimes(limiter, "alice", OTHER_ROUTE, 25);

            assertThat(limiter.check("alice", ROUTE).orElseThrow().remaining()).isEqualTo(19);
        }

        @Test
        void anOverrideOfZeroTurnsLimitsOffOnItsRoute() {
            RateLimiter limiter = limiter(100, 20, Map.of(OTHER_ROUTE, new RouteLimit(0, 0)));

            assertThat(limiter.check("alice", OTHER_ROUTE)).isEmpty();
            assertThat(limiter.check("alice", ROUTE)).isPresent();
        }
    }

    @Nested
    class ZeroIsOff {

        @Test
        void aBurstOfZeroLeavesOnlyTheMinute() {
            RateLimiter limiter = limiter(3, 0, Map.of());

            RateDecision first = limiter.check("alice", ROUTE).orElseThrow();
            passTimes(limiter, "alice", ROUTE, 2);

            assertThat(first.limit()).isEqualTo(LimitWindow.perMinute(3));
            assertThat(limiter.check("alice", ROUTE).orElseThrow().admitted()).isFalse();
        }

        @Test
        void aMinuteOfZeroLeavesOnlyTheBurst() {
            RateLimiter limiter = limiter(0, 30, Map.of());

            passTimes(limiter, "alice", ROUTE, 30);

            assertThat(limiter.check("alice", ROUTE).orElseThrow().limit().name()).isEqualTo(LimitWindow.BURST);
        }

        @Test
        void bothZeroCountNothingAndDecideNothing() {
            RateLimiter limiter = limiter(0, 0, Map.of());

            for (int i = 0; i < 50; i++) {
                assertThat(limiter.check("alice", ROUTE)).isEmpty();
            }
            assertThat(store.size()).isZero();
        }
    }

    @Nested
    class Headers {

        private static void assertHeaders(RateDecision decision, String limit, String remaining, String reset) {
            assertThat(decision.headers()).containsExactly(Map.entry("X-RateLimit-Limit", limit),
                    Map.entry("X-RateLimit-Remaining", remaining), Map.entry("X-RateLimit-Reset", reset));
        }

        @Test
        void theFirstRequestReportsTheBurstWithItsWholeWindow() {
            Optional<RateDecision> first = defaults().check("alice", ROUTE);

            assertHeaders(first.orElseThrow(), "20", "19", "10");
        }

        @Test
        void resetCountsDownInWholeSecondsRoundedUp() {
            RateLimiter limiter = defaults();
            limiter.check("alice", ROUTE);

            time.advance(Duration.ofMillis(3_500));

            assertHeaders(limiter.check("alice", ROUTE).orElseThrow(), "20", "18", "7");
        }

        @Test
        void theLimitWithFewerRequestsLeftIsReported() {
            RateLimiter limiter = limiter(25, 20, Map.of());
            passTimes(limiter, "alice", ROUTE, 20);
            time.advance(BURST_WINDOW);

            RateDecision next = limiter.check("alice", ROUTE).orElseThrow();

            assertHeaders(next, "25", "4", "50");
        }

        @Test
        void aRefusalReportsNothingLeftAndTheWaitUntilTheWindowEnds() {
            RateLimiter limiter = afterBurstOf("alice");
            time.advance(Duration.ofMillis(2_200));

            RateDecision refused = limiter.check("alice", ROUTE).orElseThrow();

            assertHeaders(refused, "20", "0", "8");
        }
    }
}
