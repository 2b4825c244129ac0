package io.mcpgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.gateway.config.EnvironmentWarnings;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.config.ReloadOutcome;
import io.mcpgateway.gateway.config.ShownProblems;
import io.mcpgateway.gateway.health.BackendState;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway that {@code POST /config/reload} can move to a new configuration without a restart, as nginx reloads: it
 * reads the configuration again, starts a complete new gateway with it on the same listening socket, and only then
 * lets the previous one finish its requests and stop. Every setting takes effect, routes and backends included; a
 * configuration that is invalid or cannot be started changes nothing. The new gateway keeps the tools' first-seen
 * pins, what belongs to the process ({@link LastingState}: uptime, traffic history, recent requests, the meters) and
 * what the new settings allow of the rest ({@link Handover}: rate-limit buckets, the response cache, open circuit
 * breakers, the last probe results).
 */
public final class ReloadingGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadingGateway.class);
    /** How often a watch that is off looks whether a reload turned it on. */
    private static final Duration WATCH_OFF_RECHECK = Duration.ofSeconds(1);

    private final ConfigSource source;
    private final JsonMapper mapper;
    private final Clock clock;
    /**
     * Held by a reload from start to end, so reloads run one at a time. A ReentrantLock, not synchronized: a reload
     * runs on a virtual thread and blocks for seconds (JDK 21 pins).
     */
    private final ReentrantLock reloads = new ReentrantLock();
    /** Guards the fields below; held only briefly, never while a gateway starts. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();
    /** Counted down by a stop: the watch ends. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private GatewayConfig running; // as read, before the port is pinned
    private GatewayServer current;
    private boolean closed;
    /** What cuts the reload running now short; null when none runs. */
    private Cancellation reloading;

    private ReloadingGateway(ConfigSource source, JsonMapper mapper, Clock clock) {
        this.source = source;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** @throws ConfigException naming every problem when the configuration read is not valid */
    public static ReloadingGateway start(ConfigSource source, JsonMapper mapper, Clock clock) {
        ReloadingGateway gateway = new ReloadingGateway(Objects.requireNonNull(source, "source"), mapper, clock);
        ConfigSource.Reading reading = source.read();
        if (!reading.valid()) {
            throw new ConfigException(String.join("; ", reading.problems()));
        }
        gateway.lock.lock();
        try {
            gateway.running = reading.config();
            gateway.current = GatewayServer.start(reading.config(), source, gateway::reload, null,
                    Cancellation.NONE, mapper, clock);
            Thread.ofVirtual().name("config-watch").start(gateway::watch);
        } finally {
            gateway.lock.unlock();
        }
        warnAbout(reading.config());
        return gateway;
    }

    /**
     * What {@code GET /config/validate} warns of, in the log too: an operator who never asks (an admin route open to
     * every token, a plain-HTTP issuer in production) otherwise hears of it from nobody.
     */
    private static void warnAbout(GatewayConfig config) {
        try {
            EnvironmentWarnings.ofThisProcess(config, config.environment()).forEach(warning -> log.warn(
                    "Configuration ({}): {}", config.environment().label(), warning));
        } catch (RuntimeException e) { // a gateway that serves is not to be failed by what would only be logged
            log.warn("Could not judge the configuration for warnings", e);
        }
    }

    /**
     * With {@code server.config_watch_seconds}, reads the configuration that often and reloads when what it reads
     * differs from what it applied last and two looks in a row read the same (a valid change, or a new set of
     * problems, logged once; a file written in place is not taken half-written: {@link ConfigWatch}). A Kubernetes
     * ConfigMap mounted as a file so reaches every pod, which a {@code POST /config/reload} through a Service does
     * not. A change whose gateway could not start (a port taken, the issuer's keys or a backend briefly out of reach)
     * is tried again at the next look, then at every 2nd, 4th, ... 32nd: without that, a pod that missed one blip
     * would serve the old configuration until the file changed again, unlike the others.
     */
    private void watch() {
        ConfigWatch watch = new ConfigWatch();
        try {
            while (true) {
                Duration every = config().server().configWatch();
                if (stopped.await((every.isZero() ? WATCH_OFF_RECHECK : every).toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (every.isZero()) {
                    continue;
                }
                ConfigSource.Reading now = source.read();
                if (watch.shouldReload(now)) {
                    watch.reloaded(now, reload());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nothing interrupts it: it ends when the gateway stops
        } catch (RuntimeException e) {
            log.error("The configuration watch stopped; POST /config/reload still reloads", e);
        }
    }

    public int port() {
        return read(() -> current).port();
    }

    /** The configuration the gateway serves with now, as read from its source. */
    public GatewayConfig config() {
        return read(() -> running);
    }

    /** What {@code field} gives under the lock that guards the fields. */
    private <T> T read(Supplier<T> field) {
        lock.lock();
        try {
            return field.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reloads run one at a time; a second one waits for the first, then finds the file as that one left it. A stop
     * meanwhile cuts the one running short (it fetches keys and probes backends for up to their timeouts) and keeps
     * the others from starting.
     */
    ReloadOutcome reload() {
        reloads.lock();
        try {
            GatewayServer previous;
            GatewayConfig was;
            Cancellation cancellation;
            lock.lock();
            try {
                if (closed) {
                    return stopping();
                }
                reloading = new Cancellation();
                cancellation = reloading;
                previous = current;
                was = running;
            } finally {
                lock.unlock();
            }
            try {
                return reloadFrom(was, previous, cancellation);
            } finally {
                lock.lock();
                try {
                    reloading = null;
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            reloads.unlock();
        }
    }

    private ReloadOutcome reloadFrom(GatewayConfig was, GatewayServer previous, Cancellation cancellation) {
        ConfigSource.Reading reading = source.read();
        if (!reading.valid()) {
            log.warn("Configuration not reloaded: {}", String.join("; ", ShownProblems.of(reading.problems())));
            return new ReloadOutcome.Invalid(reading.problems());
        }
        GatewayConfig next = reading.config();
        List<String> changed = next.sectionsChangedFrom(was);
        if (changed.isEmpty()) {
            return new ReloadOutcome.Unchanged();
        }
        boolean samePort = next.server().port() == was.server().port();
        GatewayConfig bound = samePort ? next.withServer(next.server().withPort(previous.port())) : next;
        GatewayServer replacement;
        try {
            replacement = GatewayServer.start(bound, source, this::reload, previous, cancellation, mapper, clock);
        } catch (RuntimeException e) {
            if (isClosed()) {
                return stopping(); // the start failed because the stop cut it short
            }
            String reason = ShownProblems.reason(e);
            log.warn("Configuration not reloaded: a gateway could not be started with it: {}", reason);
            return new ReloadOutcome.Failed("a gateway could not be started with it: " + reason);
        }
        boolean adopted;
        lock.lock();
        try {
            adopted = !closed;
            if (adopted) {
                current = replacement;
                running = next;
            }
        } finally {
            lock.unlock();
        }
        if (!adopted) {
            replacement.discard(); // the stop came as it started: the stop closes the gateway it found serving
            return stopping();
        }
        replacement.takeOver();
        previous.stopAccepting();
        log.info("Configuration reloaded ({} changed): the previous gateway finishes its requests and stops", changed);
        List<String> warnings = backendsLost(previous, replacement, next);
        warnings.forEach(warning -> log.warn("After the reload, {}", warning));
        retiring.add(Thread.ofVirtual().name("gateway-retire").start(() -> retire(previous)));
        warnAbout(next);
        return new ReloadOutcome.Applied(changed, replacement.port(), next.environment(), warnings);
    }

    /**
     * The backends that served under the previous gateway and not under its replacement, which probed them before it
     * took over: the reload is done (a backend may move to an address not up yet), but the one who asked for it hears
     * at once what it did, with the address, rather than from callers' 503s later.
     */
    private static List<String> backendsLost(GatewayServer previous, GatewayServer replacement, GatewayConfig next) {
        Map<String, BackendState> before = previous.backendStates();
        Map<String, BackendState> now = replacement.backendStates();
        List<String> lost = new ArrayList<>();
        for (BackendSettings backend : next.backends()) {
            BackendState was = before.get(backend.name());
            BackendState is = now.get(backend.name());
            if (was != null && was.isHealthy() && is != null && !is.isHealthy()) {
                lost.add("backend '" + backend.name() + "' served before and does not now (" + backend.url() + "): "
                        + is.lastError());
            }
        }
        return lost;
    }

    private boolean isClosed() {
        return read(() -> closed);
    }

    private static ReloadOutcome stopping() {
        return new ReloadOutcome.Failed("the gateway is stopping");
    }

    private void retire(GatewayServer previous) {
        try {
            previous.retire();
        } catch (RuntimeException e) {
            log.warn("The gateway replaced by a reload did not stop cleanly", e);
        } finally {
            retiring.remove(Thread.currentThread());
        }
    }

    /**
     * Drains and stops, and waits for gateways replaced by a reload to finish their requests. A reload in progress is
     * cut short where it waits on the network ({@link Cancellation}) and answers, as one asked for later does, that the
     * gateway is stopping: a stop (SIGTERM) does not wait for its tool lists, key fetches and probes.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopped.countDown(); // not an interrupt: the watch may be running a reload, which it may not cut anywhere
            if (reloading != null) {
                reloading.cancel();
            }
        } finally {
            lock.unlock();
        }
        reloads.lock(); // the reload cut short has ended: the gateway serving now is the one to stop
        reloads.unlock();
        read(() -> current).close();
        for (Thread thread : List.copyOf(retiring)) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
