package io.mcpgateway.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.HealthSettings;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes every backend in the background and keeps the last result, so {@code /health} answers instantly and never
 * waits on a slow backend: its health page and then its tool list, or its tool list alone for a backend without a
 * health page. A backend coming back (found serving right after a probe found it down) also gets its tools read
 * again, through {@link ToolRegistry#refreshRecovered}.
 */
public final class BackendHealthMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendHealthMonitor.class);
    /** Added to a 404 of a health page when the backend's tools could be listed all the same. */
    static final String NO_PAGE_HINT = " (no health page? set health_path: \"\" to probe with tools/list)";

    private final List<BackendSettings> backends;
    private final HealthSettings settings;
    private final HealthPageReader pages;
    private final ToolRegistry registry;
    private final Clock clock;
    private final Map<String, BackendState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService listingThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Future<Boolean>> listings = new ConcurrentHashMap<>();
    private final List<Runnable> checks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<String>> backListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public BackendHealthMonitor(List<BackendSettings> backends, HealthSettings settings, HttpClient http,
            ToolRegistry registry, JsonMapper mapper, Clock clock) {
        this.backends = List.copyOf(backends);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pages = new HealthPageReader(http, mapper, settings.probeTimeout());
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backends.forEach(b -> states.put(b.name(), BackendState.unknown()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("health-probe")
                .factory());
    }

    /**
     * Starts from the last probe results of {@code previous}, the monitor of the gateway this one replaces on a
     * reload, for the backends {@code unchanged} names (configured as they were): their failures count on, and a
     * backend still down is not announced as newly unhealthy.
     */
    public void keepStatesOf(BackendHealthMonitor previous, Predicate<String> unchanged) {
        previous.states.forEach((name, state) -> {
            if (unchanged.test(name) && states.containsKey(name)) {
                states.put(name, state);
            }
        });
    }

    /** Probes now in the background, then every probe interval. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::probeAll, 0, settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts probing one interval from now, for a gateway that has just waited for {@link #probeAll} to serve. */
    public void startAfterProbing() {
        long interval = settings.probeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::probeAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code check} with every round of probes too (the issuer's keys, say), concurrently with them. */
    public BackendHealthMonitor alsoEachRound(Runnable check) {
        checks.add(check);
        return this;
    }

    /**
     * Tells {@code listener} the name of each backend a probe found serving again, right after a probe that found it
     * down (a restart, say): not after every healthy probe, which a backend whose calls fail while its health endpoint
     * answers would pass all along.
     */
    public BackendHealthMonitor onBackendBack(Consumer<String> listener) {
        backListeners.add(listener);
        return this;
    }

    /** Probes every backend once, concurrently, and waits for the results. */
    public void probeAll() {
        try (var probes = Executors.newVirtualThreadPerTaskExecutor()) {
            backends.forEach(b -> probes.submit(() -> probe(b)));
            checks.forEach(probes::submit);
        }
    }

    /** The last known state of each backend, in configuration order. */
    public Map<String, BackendState> states() {
        Map<String, BackendState> ordered = new LinkedHashMap<>();
        backends.forEach(b -> ordered.put(b.name(), states.get(b.name())));
        return ordered;
    }

    private void probe(BackendSettings backend) {
        String name = backend.name();
        long start = System.nanoTime();
        String error;
        String reported = null;
        boolean listed = false;
        long answered;
        Optional<URI> page = backend.healthEndpoint();
        if (page.isEmpty()) {
            // no health page (health_path ""): a backend that answers tools/list serves, and its tools are read anew
            error = listTools(name);
            listed = true;
            answered = System.nanoTime();
        } else {
            HealthPageReader.Reading reading;
            try {
                reading = pages.read(page.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answered = System.nanoTime(); // the page's latency, without the listing's that may follow
            error = reading.error();
            reported = reading.reported();
            // A backend is healthy when it serves its tools, not only /health: its list is asked for before it is
            // reported healthy (so its routes work when it is), and again at each probe while the last listing failed
            // (a server refusing the gateway's Host, say, answers /health and nothing else).
            if (error == null && !registry.answeredLast(name)) {
                error = listTools(name);
                listed = true;
            } else if (reading.notFound() && listTools(name) == null) {
                // most third-party MCP servers have no health page: say what makes this one healthy
                error += NO_PAGE_HINT;
                listed = true;
            }
        }
        double latency = Math.round((answered - start) / 10_000.0) / 100.0;
        BackendState previous = states.get(name);
        BackendState next = error == null
                ? new BackendState(BackendState.HEALTHY, clock.instant(), latency, null, 0, reported)
                : new BackendState(BackendState.UNHEALTHY, clock.instant(), latency, error,
                        previous.consecutiveFailures() + 1, null);
        states.put(name, next);
        if (next.isHealthy() && BackendState.UNHEALTHY.equals(previous.status())) {
            if (!listed) {
                // back from a restart, maybe with other tools: read them (the tool list kept meanwhile is the old one)
                registry.refreshRecovered(name);
            }
            backListeners.forEach(listener -> listener.accept(name));
        }
        // the address here, not in /health: a misspelt host or port shows in the log of the one who set it
        URI probed = page.orElse(backend.mcpEndpoint());
        if (!previous.status().equals(next.status())) {
            if (next.isHealthy()) {
                log.info("Backend '{}' is healthy", name);
            } else {
                log.warn("Backend '{}' is unhealthy: {} ({})", name, error, probed);
            }
        }
        if (next.reportsDegraded() && !previous.reportsDegraded()) {
            log.warn("Backend '{}' serves but says it is degraded: its own health page tells why ({})", name, probed);
        } else if (previous.reportsDegraded() && next.isHealthy() && !next.reportsDegraded()) {
            log.info("Backend '{}' no longer says it is degraded", name);
        }
    }

    /**
     * Lists the backend's tools, waiting at most the probe timeout (a listing takes up to the backend's request
     * timeout, which would hold up every probe); a listing still running from an earlier probe is waited for, not
     * repeated. Null when the tools were listed, else why not.
     */
    private String listTools(String backend) {
        Future<Boolean> listing = listings.compute(backend, (name, running) -> running != null && !running.isDone()
                ? running : listingThreads.submit(() -> registry.refresh(name)));
        try {
            return listing.get(settings.probeTimeout().toMillis(), TimeUnit.MILLISECONDS) ? null
                    : "its tools cannot be listed: " + registry.lastFailure(backend).orElse("no answer");
        } catch (TimeoutException e) {
            return "its tools were not listed within " + settings.probeTimeout().toMillis() + " ms";
        } catch (ExecutionException e) {
            return "its tools cannot be listed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the probe was interrupted";
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        listingThreads.shutdownNow();
    }
}
