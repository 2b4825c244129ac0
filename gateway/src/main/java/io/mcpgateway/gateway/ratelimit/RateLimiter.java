package io.mcpgateway.gateway.ratelimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpgateway.gateway.config.RateLimitSettings;

/**
 * Counts a caller's requests against the route's limits: the defaults, shared by every route without an override, or
 * the route's own override, counted for that route alone. The burst per burst window and the rate per minute are
 * each in a bucket of its own, both enforced. A request passes only when every limit has room, and the store takes
 * from all of them or none in one step, so a refused request costs the caller nothing. A refusal names the limit
 * whose quota comes back last: with the burst and the minute both spent, the burst's 10 s sent a client back to be
 * refused again.
 */
final class RateLimiter {

    private final RateLimitSettings settings;
    private final BucketStore store;
    private final Map<String, List<LimitWindow>> limitsByRoute = new ConcurrentHashMap<>();

    RateLimiter(RateLimitSettings settings, BucketStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Counts one request; empty when the route has no limits (nothing is counted then). */
    Optional<RateDecision> check(String callerId, String route) {
        List<LimitWindow> limits = limitsByRoute.computeIfAbsent(route, this::limitsOf);
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        String scope = settings.bucketScope(route);
        List<BucketProbe> probes = store.tryConsume(limits.stream()
                .map(limit -> new LimitBucket(limit.key(scope, callerId), limit))
                .toList());
        return Optional.of(probes.stream().allMatch(BucketProbe::hadRoom) ? tightest(probes) : refusal(probes));
    }

    /** The limit the headers report: the tightest of all, as {@link #tighter} orders them. */
    private static RateDecision tightest(List<BucketProbe> probes) {
        return probes.stream()
                .map(probe -> RateDecision.admitted(probe.limit(), probe.remaining(), probe.reset()))
                .reduce(RateLimiter::tighter)
                .orElseThrow();
    }

    /** The refusing limit whose quota comes back last; on a tie, the first of them. */
    private static RateDecision refusal(List<BucketProbe> probes) {
        return probes.stream()
                .filter(probe -> !probe.hadRoom())
                .max(Comparator.comparing(BucketProbe::reset))
                .map(probe -> RateDecision.refused(probe.limit(), probe.reset()))
                .orElseThrow();
    }

    /** The burst first, then the minute: the order the headers list them in when they tie. */
    private List<LimitWindow> limitsOf(String route) {
        RateLimitSettings.RouteLimit limit = settings.forRoute(route);
        List<LimitWindow> limits = new ArrayList<>(2);
        if (limit.burst() > 0) {
            limits.add(LimitWindow.burst(limit.burst(), settings.burstWindow()));
        }
        if (limit.perMinute() > 0) {
            limits.add(LimitWindow.perMinute(limit.perMinute()));
        }
        return List.copyOf(limits);
    }

    /** The decision with fewer requests left; on a tie, the one whose quota comes back later. */
    private static RateDecision tighter(RateDecision a, RateDecision b) {
        if (a.remaining() != b.remaining()) {
            return a.remaining() < b.remaining() ? a : b;
        }
        return a.reset().compareTo(b.reset()) >= 0 ? a : b;
    }
}
