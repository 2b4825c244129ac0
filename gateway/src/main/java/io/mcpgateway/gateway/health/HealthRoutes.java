package io.mcpgateway.gateway.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.IssuerKeys;
import io.mcpgateway.gateway.config.HealthSettings;
import io.mcpgateway.gateway.config.ShownProblems;
import io.mcpgateway.gateway.ratelimit.RateLimitStatus;

/**
 * {@code GET /health} (overall and per backend; 503 only when no backend can serve or no token can be verified),
 * {@code /health/live} (the process runs) and {@code /health/ready} (not draining, the issuer's keys fetched, and at
 * least one backend serves unless that is not asked for). Both count a backend as serving alike ({@link #serves}): a
 * gateway is never unhealthy for want of a backend and ready.
 */
public final class HealthRoutes {

    public static final String SERVICE = "mcp-tools-gateway";

    private final BackendHealthMonitor monitor;
    private final Supplier<IssuerKeys.Status> identityProvider;
    private final List<String> disabled;
    private final Supplier<RateLimitStatus> rateLimits;
    private final Function<String, String> circuitBreakers;
    private final String version;
    private final Drain drain;
    private final boolean readyNeedsBackend;
    private final Clock clock;
    private final Instant started;

    /**
     * @param disabled backends configured with {@code enabled: false}: listed as such, left out of the status
     * @param circuitBreakers a backend's circuit breaker state by its name: closed, open or half_open
     * @param identityProvider whether the issuer's keys can be fetched: without them no token can be verified
     * @param drain whether the gateway is stopping: then it is not ready, whatever its backends
     * @param settings whether it is ready only while a backend serves ({@link HealthSettings#readyNeedsBackend})
     * @param started when the process started serving: a configuration reload does not reset the uptime
     */
    public HealthRoutes(BackendHealthMonitor monitor, List<String> disabled, Supplier<RateLimitStatus> rateLimits,
            Function<String, String> circuitBreakers, Supplier<IssuerKeys.Status> identityProvider, Drain drain,
            HealthSettings settings, String version, Instant started, Clock clock) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.identityProvider = Objects.requireNonNull(identityProvider, "identityProvider");
        this.drain = Objects.requireNonNull(drain, "drain");
        this.readyNeedsBackend = settings.readyNeedsBackend();
        this.disabled = List.copyOf(disabled);
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.circuitBreakers = Objects.requireNonNull(circuitBreakers, "circuitBreakers");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = Objects.requireNonNull(started, "started");
    }

    public void register(JavalinConfig config) {
        config.routes.get("/health", this::health);
        config.routes.get("/health/live", this::live);
        config.routes.get("/health/ready", this::ready);
    }

    private void health(Context ctx) {
        Map<String, BackendState> states = monitor.states();
        Map<String, Object> backends = new LinkedHashMap<>();
        long serving = 0;
        for (Map.Entry<String, BackendState> backend : states.entrySet()) {
            String breaker = circuitBreakers.apply(backend.getKey()); // read once: the entry and the count agree
            boolean serves = serves(backend.getValue(), breaker);
            serving += serves ? 1 : 0;
            backends.put(backend.getKey(), describe(backend.getValue(), breaker, serves));
        }
        disabled.forEach(name -> backends.put(name, Map.of("status", "disabled")));
        boolean anyUnknown = states.values().stream().anyMatch(s -> BackendState.UNKNOWN.equals(s.status()));
        boolean anyDegraded = states.values().stream().anyMatch(BackendState::reportsDegraded);
        IssuerKeys.Status issuer = identityProvider.get();
        RateLimitStatus limits = rateLimits.get();
        // limits meant to be shared, counted by each instance alone while Redis is down: serving, but not as meant
        boolean limitsApart = limits.enabled() && RateLimitStatus.REDIS_DOWN.equals(limits.redis());
        // with every backend disabled nothing can be served: unhealthy, not "all of none healthy"
        String status = states.isEmpty() || noTokenCanBeVerified(issuer) ? "unhealthy"
                : serving == states.size() && !issuer.unreachable() && !limitsApart && !anyDegraded ? "healthy"
                : serving > 0 || anyUnknown ? "degraded" : "unhealthy";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("service", SERVICE);
        body.put("version", version);
        body.put("timestamp", clock.instant().toString());
        body.put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
        body.put("backends", backends);
        body.put("identity_provider", describe(issuer));
        body.put("rate_limits", describe(limits));
        ctx.status(status.equals("unhealthy") ? 503 : 200).json(body);
    }

    /** Never fetched the issuer's keys, and the last try failed: not one caller can be let in. */
    private static boolean noTokenCanBeVerified(IssuerKeys.Status issuer) {
        return issuer.unreachable() && !issuer.everFetched();
    }

    private static Map<String, Object> describe(IssuerKeys.Status issuer) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("issuer", issuer.issuer());
        entry.put("keys", issuer.keys());
        entry.put("ever_fetched", issuer.everFetched()); // unreachable since start-up: no token can be verified
        entry.put("last_error", ShownProblems.withoutUserInfo(issuer.lastError())); // a public page
        return entry;
    }

    /**
     * Whether the backend can be called: its last probe found it healthy and its circuit breaker lets calls through.
     * An open breaker refuses every call, however the probes go. A half-open one counts as serving: it lets trial
     * calls through, and a gateway that called itself not ready for it would be sent no call to close it with.
     * The one notion of serving behind {@code /health}'s status and {@code /health/ready}.
     */
    public static boolean serves(BackendState state, String circuitBreaker) {
        return state.isHealthy() && !"open".equals(circuitBreaker);
    }

    /** @param serving whether it is counted as serving: its probe's {@code status} alone does not say it */
    private static Map<String, Object> describe(BackendState state, String circuitBreaker, boolean serving) {
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("status", state.status());
        backend.put("serving", serving);
        backend.put("last_check", state.lastCheck() == null ? null : state.lastCheck().toString());
        backend.put("latency_ms", state.latencyMillis());
        backend.put("last_error", state.lastError());
        backend.put("consecutive_failures", state.consecutiveFailures());
        backend.put("circuit_breaker", circuitBreaker);
        if (state.reported() != null) {
            backend.put("reports", state.reported()); // its own /health tells why (not repeated: it may name files)
        }
        return backend;
    }

    /** Where limits are counted; a Redis outage (counting locally) is shown here and leaves the status alone. */
    private static Map<String, Object> describe(RateLimitStatus limits) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("enabled", limits.enabled());
        entry.put("store", limits.store());
        entry.put("redis", limits.redis());
        limits.since().ifPresent(since -> entry.put("since", since.toString()));
        entry.put("fallbacks", limits.fallbacks());
        limits.lastError().ifPresent(error -> entry.put("last_error", error)); // while down; no address: a public page
        return entry;
    }

    private void live(Context ctx) {
        ctx.json(Map.of("status", "alive"));
    }

    private void ready(Context ctx) {
        if (drain.active()) {
            ctx.status(503).json(Map.of("status", "draining"));
            return;
        }
        // ready once the keys were fetched: while the first fetch waits on a slow issuer, no token can be verified
        // either, and an instance marked ready then would answer every caller 401 or 503
        String reason = !identityProvider.get().everFetched()
                ? "the identity provider's keys have never been fetched: no token can be verified"
                : readyNeedsBackend && monitor.states().entrySet().stream().noneMatch(e -> serves(e.getValue(),
                        circuitBreakers.apply(e.getKey()))) ? "no backend serves (see /health)" : null;
        if (reason == null) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(Map.of("status", "not_ready", "reason", reason));
        }
    }
}
