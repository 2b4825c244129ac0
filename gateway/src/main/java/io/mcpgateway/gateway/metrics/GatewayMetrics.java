package io.mcpgateway.gateway.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's meters, in one place so {@code /metrics} (JSON) and {@code /metrics/prometheus} read the same ones:
 * requests by route and status, authentication outcomes by reason and caller, backend calls by outcome, retries and
 * calls refused by a backend's circuit breaker or bulkhead.
 */
public final class GatewayMetrics {

    public static final String REQUESTS = "gateway.requests";
    public static final String AUTH = "gateway.auth";
    public static final String BACKEND_CALLS = "gateway.backend.calls";
    public static final String CACHE = "gateway.cache.lookups";
    public static final String RATE_LIMIT_REJECTIONS = "gateway.ratelimit.rejections";
    public static final String BACKEND_RETRIES = "gateway.backend.retries";
    public static final String BACKEND_REJECTIONS = "gateway.backend.rejections";
    public static final String BACKEND_CONNECTIONS = "gateway.backend.connections";
    public static final String CLIENT_CONNECTIONS = "gateway.client.connections";
    public static final String REQUESTS_IN_FLIGHT = "gateway.requests.in.flight";
    public static final String MCP_SUBSCRIPTIONS = "gateway.mcp.subscriptions";
    public static final String RATE_LIMIT_STORE = "gateway.rate_limit.store.shared";
    public static final String RATE_LIMIT_FALLBACKS = "gateway.rate_limit.store.fallbacks";
    public static final String BACKEND_UP = "gateway.backend.up";
    public static final String BACKEND_SERVING = "gateway.backend.serving";
    public static final String BACKEND_DEGRADED = "gateway.backend.degraded";
    public static final String IDENTITY_PROVIDER_KEYS = "gateway.identity_provider.keys";
    public static final String TOOL_DEFINITION_CHANGES = "gateway.tools.definition.changes";
    private static final String CONNECTIONS_DESCRIPTION = "Connections to a backend: open (idle or in use) and active";
    /** What each counter counts: Prometheus's HELP line, empty without it. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            AUTH, "Bearer token checks, by result and the reason of a failure",
            CACHE, "Response cache lookups of read-only tool calls, by result (hit, miss, bypass, not_cacheable)",
            RATE_LIMIT_REJECTIONS, "Requests refused by a rate limit, by route and limit",
            BACKEND_RETRIES, "Retry decisions after a failed backend call (retried, or refused and why)",
            BACKEND_REJECTIONS, "Backend calls refused before they were sent (open circuit breaker, full queue...)",
            TOOL_DEFINITION_CHANGES, "Tool definitions a backend changed since they were first seen (pinned)");

    /** The methods of RFC 9110 and PATCH (RFC 5789): the request metrics' method labels, with OTHER. */
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH");

    private final MeterRegistry registry;
    private final CallerCounts callers = new CallerCounts();
    /**
     * The meters already registered, by name and tags: building a meter's id (sorted tags) and looking it up in the
     * registry on every request was about 1% of a cached request's CPU (perf, bench/gateway.sh --targets cached).
     * Bounded like the registry itself: the tags are route templates, backends, tools and outcomes.
     */
    private final Map<List<String>, Object> meters = new ConcurrentHashMap<>();

    /**
     * How far back the maximum and the percentiles of a latency look (means and counts go back to the start): recent
     * figures are what an operator diagnoses with, and an idle route's figures fall to 0 after it. One window, begun
     * afresh every 2 minutes: Micrometer keeps a maximum for the expiry times the buffer count (6 minutes with its
     * default 3 buffers) but percentiles for the expiry only, so with more than one buffer a route idle for 2 minutes
     * still showed its old maximum beside percentiles of 0.
     */
    public static final Duration LATENCY_WINDOW = Duration.ofMinutes(2);
    /**
     * The latency buckets of the Prometheus histograms ({@code _bucket{le=...}}, counted since start): percentiles
     * of one instance cannot be combined with another's, buckets can ({@code histogram_quantile} over a Deployment's
     * pods). Few, so each series of routes and statuses adds a dozen lines, not the seventy of Micrometer's default.
     */
    static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000).map(Duration::ofMillis).toArray(Duration[]::new);
    private static final int LATENCY_BUFFERS = 1;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Requests per authenticated caller (bounded; not exported to Prometheus). */
    public CallerCounts callers() {
        return callers;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * One finished request; {@code route} is the route template, never the raw path, and a method outside HTTP's own
     * is counted as {@code OTHER}: a client may send any token as a method, and each would be a series kept forever
     * (bounded cardinality).
     */
    public void request(String sentMethod, String route, int status, Duration duration) {
        request(sentMethod, route, status, RequestOutcome.of(status), duration);
    }

    /**
     * @param requestOutcome what the request stands for: by its status, or for an MCP tool call the gateway failed
     *     inside a 200 by the failure's (server_error for a backend down), or a probe's verdict
     */
    public void request(String sentMethod, String route, int status, RequestOutcome requestOutcome,
            Duration duration) {
        String method = STANDARD_METHODS.contains(sentMethod) ? sentMethod : "OTHER";
        String code = Integer.toString(status);
        String outcome = requestOutcome.label();
        meter(Timer.class, () -> Timer.builder(REQUESTS)
                .description("HTTP requests served by the gateway")
                .tags("method", method, "route", route, "status", code, "outcome", outcome)
                .publishPercentiles(0.5, 0.9, 0.99)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .distributionStatisticExpiry(LATENCY_WINDOW)
                .distributionStatisticBufferLength(LATENCY_BUFFERS)
                .register(registry), REQUESTS, method, route, code, outcome)
                .record(duration);
    }

    public void authSuccess() {
        counter(AUTH, "result", "success", "reason", "none").increment();
    }

    public void authFailure(String reason) {
        counter(AUTH, "result", "failure", "reason", reason).increment();
    }

    /** One call to a backend tool; {@code outcome} is success, tool_error or a {@code BackendFailure.Kind}'s label. */
    public void backendCall(String backend, String tool, String outcome, Duration duration) {
        meter(Timer.class, () -> Timer.builder(BACKEND_CALLS)
                .description("Tool calls the gateway made to backends")
                .tags("backend", backend, "tool", tool, "outcome", outcome)
                .publishPercentiles(0.5, 0.99)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .distributionStatisticExpiry(LATENCY_WINDOW)
                .distributionStatisticBufferLength(LATENCY_BUFFERS)
                .register(registry), BACKEND_CALLS, backend, tool, outcome)
                .record(duration);
    }

    /** What a backend's tool has done since start, from its call timers; empty before its first call. */
    public Optional<ToolCallStats> toolCalls(String backend, String tool) {
        long calls = 0;
        long answered = 0;
        double totalMs = 0;
        for (Timer timer : registry.find(BACKEND_CALLS).tag("backend", backend).tag("tool", tool).timers()) {
            calls += timer.count();
            totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
            String outcome = timer.getId().getTag("outcome");
            if ("success".equals(outcome) || "tool_error".equals(outcome)) {
                answered += timer.count();
            }
        }
        return calls == 0 ? Optional.empty()
                : Optional.of(new ToolCallStats(calls, totalMs / calls, 100.0 * answered / calls));
    }

    /**
     * A tool's calls since start.
     *
     * @param answeredPercent calls the tool answered (its own errors, such as an unknown district, included): the
     *     rest failed to get an answer (backend down, timeout, protocol error)
     */
    public record ToolCallStats(long calls, double averageMs, double answeredPercent) {
    }

    /**
     * One decision about a failed attempt that could have been retried: {@code retried}, {@code refused_budget} (the
     * backend's retry budget is spent), {@code refused_deadline} (the retry would start too late) or
     * {@code refused_retry_after} (the backend asked to be called again later than the longest backoff).
     */
    public void backendRetry(String backend, String decision) {
        counter(BACKEND_RETRIES, "backend", backend, "decision", decision).increment();
    }

    /** A call the gateway refused to make: {@code circuit_open} or {@code bulkhead_full}. */
    public void backendRejection(String backend, String reason) {
        counter(BACKEND_REJECTIONS, "backend", backend, "reason", reason).increment();
    }

    /** One request refused by a rate limit ({@code burst} or {@code per_minute}) on a route template. */
    public void rateLimitRejection(String route, String limit) {
        counter(RATE_LIMIT_REJECTIONS, "route", route, "limit", limit).increment();
    }

    /** One response-cache decision: hit, miss, bypass or not_cacheable. */
    public void cacheLookup(String backend, String tool, String result) {
        counter(CACHE, "backend", backend, "tool", tool, "result", result).increment();
    }

    /** The requests the serving gateway is handling now (the scrape that reads it among them). */
    public void requestsInFlight(java.util.function.IntSupplier running) {
        Gauge.builder(REQUESTS_IN_FLIGHT, running::getAsInt).description("Requests being handled").register(registry);
    }

    /** The {@code subscriptions/listen} streams open on {@code /mcp}, which are not among the requests in flight. */
    public void mcpSubscriptions(java.util.function.IntSupplier open) {
        Gauge.builder(MCP_SUBSCRIPTIONS, open::getAsInt).description("MCP subscription streams open")
                .register(registry);
    }

    /** The client connections the serving gateway has open: at {@code server.max_connections} it takes no more. */
    public void clientConnections(java.util.function.IntSupplier open, int max) {
        Gauge.builder(CLIENT_CONNECTIONS, open::getAsInt).description("Client connections open")
                .tags("state", "open").register(registry);
        Gauge.builder(CLIENT_CONNECTIONS, () -> max).description("Client connections open")
                .tags("state", "max").register(registry);
    }

    /** Gauges of a backend's HTTP connections: {@code open} (bounded by its pool size) and {@code active}. */
    public void backendConnections(String backend, java.util.function.IntSupplier open,
            java.util.function.IntSupplier active) {
        Gauge.builder(BACKEND_CONNECTIONS, open::getAsInt).description(CONNECTIONS_DESCRIPTION)
                .tags("backend", backend, "state", "open").register(registry);
        Gauge.builder(BACKEND_CONNECTIONS, active::getAsInt).description(CONNECTIONS_DESCRIPTION)
                .tags("backend", backend, "state", "active").register(registry);
    }

    /**
     * Where {@code store}'s rate limits are counted, as {@code shared} says (1 while in Redis, shared by every
     * instance; 0 while counted locally, Redis down or not configured), and how often this process fell back to local
     * counting. The meters read {@code store} itself, which the serving gateway holds: a function counter holds what
     * it reads weakly, and a lambda held by nothing else was collected, leaving the counter at its last reading (0
     * after a fallback, now and then).
     */
    public <T> void rateLimitStore(T store, Predicate<T> shared, ToLongFunction<T> fallbacks) {
        Gauge.builder(RATE_LIMIT_STORE, store, s -> shared.test(s) ? 1 : 0)
                .description("Whether rate limits are counted in Redis, shared by every instance (1), or locally (0)")
                .register(registry);
        FunctionCounter.builder(RATE_LIMIT_FALLBACKS, store, fallbacks::applyAsLong)
                .description("How often rate limits fell back to local counting, Redis being unreachable")
                .register(registry);
    }

    /**
     * Whether the last health probe of {@code backend} found it serving (1) or not (0: failed, or not probed yet), so
     * an alert needs neither traffic nor {@code /health}. The gauge reads {@code monitor}, which the serving gateway
     * holds: a gauge holds what it reads weakly (see {@link #rateLimitStore}).
     */
    public <T> void backendUp(String backend, T monitor, Predicate<T> up) {
        Gauge.builder(BACKEND_UP, monitor, m -> up.test(m) ? 1 : 0)
                .description("Whether the last health probe found the backend serving (1) or not (0)")
                .tags("backend", backend).register(registry);
    }

    /**
     * Whether {@code backend} can be called now, as {@code /health}'s {@code serving} says (its probe found it up and
     * its circuit breaker is not open): the gauge to alert on, where {@link #backendUp} follows the probe alone; and
     * whether its own health page says it is degraded (a search server missing some of its data answers with fewer
     * results, and its probe still passes).
     */
    public <T> void backendServing(String backend, T monitor, Predicate<T> serving, Predicate<T> degraded) {
        Gauge.builder(BACKEND_SERVING, monitor, m -> serving.test(m) ? 1 : 0)
                .description("Whether the backend can be called: probe passed and circuit breaker not open (1)")
                .tags("backend", backend).register(registry);
        Gauge.builder(BACKEND_DEGRADED, monitor, m -> degraded.test(m) ? 1 : 0)
                .description("Whether the backend's own health page says it is degraded (1)")
                .tags("backend", backend).register(registry);
    }

    /**
     * The state of the issuer's signing keys, one gauge per state in {@code states}, 1 for the one {@code state}
     * reads from {@code keys} and 0 for the others (as Resilience4j shows a circuit breaker's state): without the keys
     * no new token can be verified, which callers would otherwise be the first to find. {@code keys} is held by the
     * serving gateway, as {@link #backendUp}'s monitor is.
     */
    public <T> void identityProviderKeys(T keys, Function<T, String> state, List<String> states) {
        for (String each : states) {
            Gauge.builder(IDENTITY_PROVIDER_KEYS, keys, k -> each.equals(state.apply(k)) ? 1 : 0)
                    .description("The state of the issuer's keys: 1 for the state they are in (fetched,"
                            + " not_fetched_yet, unreachable), 0 for the others")
                    .tags("state", each).register(registry);
        }
    }

    /**
     * Removes the meters that read a gateway's own objects: its backends' connection and health gauges, its requests,
     * connections and subscriptions open, its issuer's keys, its rate-limit store and what Resilience4j's binders read
     * from its circuit breakers, bulkheads and retries. A gateway replacing another on a reload calls it before it
     * binds its own, since a meter's name and tags are taken once: its meters would be dropped, and the old ones would
     * go on reading closed pools and stopped probes and keep the replaced gateway in memory. Counters and timers stay,
     * and count on.
     */
    public void releaseBoundMeters() {
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            boolean reads = meter instanceof Gauge || meter instanceof FunctionCounter || meter instanceof FunctionTimer
                    || meter instanceof TimeGauge;
            if (reads && (name.equals(BACKEND_CONNECTIONS) || name.equals(CLIENT_CONNECTIONS)
                    || name.equals(REQUESTS_IN_FLIGHT) || name.equals(MCP_SUBSCRIPTIONS)
                    || name.equals(BACKEND_UP) || name.equals(BACKEND_SERVING) || name.equals(BACKEND_DEGRADED)
                    || name.equals(IDENTITY_PROVIDER_KEYS)
                    || name.startsWith("gateway.rate_limit.store")
                    || name.startsWith("resilience4j."))) {
                registry.remove(meter);
            }
        }
    }

    /**
     * A backend tool was first listed: its count of definition changes starts at 0, so that an alert on its increase
     * has a series before the first change.
     */
    public void toolListed(String backend, String tool) {
        counter(TOOL_DEFINITION_CHANGES, "backend", backend, "tool", tool);
    }

    /** A tool's pin was forgotten (a backend listing ever new names): its counter goes, so that the series stay few. */
    public void toolForgotten(String backend, String tool) {
        Object counter = meters.remove(counterKey(TOOL_DEFINITION_CHANGES, "backend", backend, "tool", tool));
        if (counter instanceof Meter meter) {
            registry.remove(meter);
        }
    }

    /** A backend tool's definition stopped matching its pin. */
    public void toolDefinitionChange(String backend, String tool) {
        counter(TOOL_DEFINITION_CHANGES, "backend", backend, "tool", tool).increment();
    }

    private Counter counter(String name, String... tags) {
        return meter(Counter.class, () -> Counter.builder(name).description(DESCRIPTIONS.get(name)).tags(tags)
                .register(registry), counterKey(name, tags));
    }

    /** A counter's key among {@link #meters}: its name, then its tags' names and values. */
    private static List<String> counterKey(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return key;
    }

    private <M> M meter(Class<M> type, Supplier<M> register, String... key) {
        return meter(type, register, List.of(key));
    }

    private <M> M meter(Class<M> type, Supplier<M> register, List<String> key) {
        return type.cast(meters.computeIfAbsent(key, k -> register.get()));
    }
}
