package io.mcpgateway.gateway;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.config.ReloadOutcome;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway that {@code POST /config/reload} can move to a new configuration without a restart, as nginx reloads: it
 * reads the configuration again, starts a complete new gateway with it on the same port (the listener is shared),
 * and only then lets the previous one finish its requests and stop. Every setting takes effect, routes and backends
 * included; a configuration that is invalid or cannot be started changes nothing. Counters kept in memory (metrics,
 * rate limits without Redis, the response cache, recent requests) start again from zero.
 */
public final class ReloadingGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadingGateway.class);
    private static final int MAX_REASON_CHARS = 300;
    /** The user information of a URL in a message, which may hold a password (a Redis URL's, for example). */
    private static final Pattern USER_INFO = Pattern.compile("://[^/@\\s]+@");

    private final ConfigSource source;
    private final JsonMapper mapper;
    private final Clock clock;
    private GatewayConfig running; // as read, before the port is pinned
    private GatewayServer current;
    private volatile boolean closed;

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
        synchronized (gateway) {
            gateway.running = reading.config();
            gateway.current = GatewayServer.start(reading.config(), source, gateway::reload, false, mapper, clock);
        }
        return gateway;
    }

    public synchronized int port() {
        return current.port();
    }

    /** The configuration the gateway serves with now, as read from its source. */
    public synchronized GatewayConfig config() {
        return running;
    }

    synchronized ReloadOutcome reload() {
        if (closed) {
            return new ReloadOutcome.Failed("the gateway is stopping");
        }
        ConfigSource.Reading reading = source.read();
        if (!reading.valid()) {
            log.warn("Configuration not reloaded: {}", String.join("; ", reading.problems()));
            return new ReloadOutcome.Invalid(reading.problems());
        }
        GatewayConfig next = reading.config();
        List<String> changed = next.sectionsChangedFrom(running);
        if (changed.isEmpty()) {
            return new ReloadOutcome.Unchanged();
        }
        boolean samePlace = next.server().host().equals(running.server().host())
                && next.server().port() == running.server().port();
        GatewayConfig bound = samePlace ? next.withServer(next.server().withPort(current.port())) : next;
        GatewayServer replacement;
        try {
            replacement = GatewayServer.start(bound, source, this::reload, samePlace, mapper, clock);
        } catch (RuntimeException e) {
            String reason = reason(e);
            log.warn("Configuration not reloaded: a gateway could not be started with it: {}", reason);
            return new ReloadOutcome.Failed(reason);
        }
        GatewayServer previous = current;
        current = replacement;
        running = next;
        log.info("Configuration reloaded ({} changed): the previous gateway finishes its requests and stops", changed);
        Thread.ofVirtual().name("gateway-retire").start(previous::retire);
        return new ReloadOutcome.Applied(changed, replacement.port());
    }

    /**
     * The failure's own words along its chain of causes ("Failed to bind to 127.0.0.1:8080: Address already in use"),
     * without class names or the messages of wrappers that repeat their cause; the log has the details.
     */
    private static String reason(RuntimeException e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            boolean wrapper = t.getCause() != null && t.getCause().toString().equals(message);
            if (message != null && !wrapper && reason.indexOf(message) < 0) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        String words = reason.isEmpty() ? "the start failed" : USER_INFO.matcher(reason).replaceAll("://");
        return words.length() <= MAX_REASON_CHARS ? words : words.substring(0, MAX_REASON_CHARS) + "...";
    }

    /** Drains and stops; outside the lock, so that a reload request in flight is answered, not waited for. */
    @Override
    public void close() {
        GatewayServer stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = current;
        }
        stopping.close();
    }
}
