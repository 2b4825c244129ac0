package io.mcpgateway.gateway.backend;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The session of a backend that keeps them (Streamable HTTP: an {@code initialize} answered with an
 * {@code Mcp-Session-Id}, which every request after carries). The gateway calls backends without one; a server that
 * wants one answers such a request 400 (the Python and TypeScript SDKs' default servers do), and one that forgot its
 * session 404 (or 400, as older versions of those SDKs do): then a session is started and the call is sent again with
 * it. Neither answer means the request ran, so no tool runs twice. One start at a time serves every call that met the
 * refusal, within each call's own time; a start that failed answers the calls of the next few seconds (a backend whose
 * initialize hung made each waiting call wait for its own in turn). A server whose {@code initialize} names no session
 * keeps none, and is not asked again for a minute (a restart may bring a version that keeps them). The event stream
 * ({@link BackendEventStream}) listens in the same session, and the session is ended (DELETE) when the gateway closes,
 * also one whose start was under way then.
 */
final class BackendSession {

    private static final Logger log = LoggerFactory.getLogger(BackendSession.class);
    /** A session's end is a courtesy: a stop or reload does not wait long for it. */
    private static final Duration END_TIMEOUT = Duration.ofSeconds(2);
    private static final long STATELESS_MEMORY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long FAILURE_MEMORY_NANOS = Duration.ofSeconds(5).toNanos();
    /**
     * A session refused with a 400 this soon after it started is not replaced again: the server refuses something
     * else (a 404 says the session is unknown, and is always believed).
     */
    private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();
    private static final String INITIALIZE_ID = "gateway-initialize";

    private final String backend;
    private final URI endpoint;
    private final BackendConnections connections;
    private final BackendCredentials credentials;
    private final JsonMapper mapper;
    private final BackendEra era;
    private final ReentrantLock starting = new ReentrantLock();
    /** The session requests carry; taken by whichever of {@link #end} and a late start ends it, once. */
    private final AtomicReference<String> id = new AtomicReference<>();
    /** Set by {@link #end}: a start that was under way then ends its session at once instead of keeping it. */
    private volatile boolean ended;
    private volatile long startedAt;
    /** Until when (System.nanoTime) the server is taken to keep no sessions. */
    private volatile long statelessUntil = System.nanoTime();
    /** The version the last {@code initialize} agreed on, which every request after names in its header. */
    private volatile String protocolVersion = McpBackendClient.PROTOCOL_VERSION;
    private volatile String lastFailure;
    private volatile long lastFailureUntil = System.nanoTime();

    BackendSession(String backend, URI endpoint, BackendConnections connections, BackendCredentials credentials,
            JsonMapper mapper, BackendEra era) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.era = Objects.requireNonNull(era, "era");
    }

    /**
     * The protocol version requests name ({@code MCP-Protocol-Version}): the gateway's, or an older one a server
     * answered {@code initialize} with, which the transport says later requests should name (a server that speaks
     * only that one refuses others with 400, which starts a session, or finds that it keeps none, and so this out).
     */
    String protocolVersion() {
        return protocolVersion;
    }

    /** The session the next request carries; null for none. */
    String id() {
        return id.get();
    }

    /**
     * The session requests carry now, started first (within {@code wait}) when there is none yet; null for a server
     * that keeps none.
     */
    String current(Duration wait) throws BackendFailure {
        String current = id.get();
        return current != null || isBefore(statelessUntil) ? current : renew(null, 400, wait);
    }

    /** Whether {@code answer}, to a request that carried session {@code sent} (or none), asks for a (new) session. */
    boolean wanted(BackendConnections.Answer answer, String sent) {
        return sent == null ? answer.status() == 400 && !isBefore(statelessUntil)
                : answer.status() == 404 || answer.status() == 400;
    }

    /**
     * A session in place of {@code stale} (the one the request refused with {@code status} carried, or null), within
     * {@code wait}: the one another call started meanwhile, else a new one; null when the server keeps none, or when
     * a 400 refused {@code stale} a moment after it started (then the call is not worth sending again).
     */
    String renew(String stale, int status, Duration wait) throws BackendFailure {
        long deadline = System.nanoTime() + wait.toNanos();
        throwIfFailedLately();
        try {
            if (!starting.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BackendFailure(BackendFailure.Kind.TIMEOUT, backend, "backend '" + backend
                        + "': a session is still being started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, backend, "interrupted");
        }
        try {
            String current = id.get();
            if (current != null && !current.equals(stale)) {
                return current; // another call started one while this one waited
            }
            throwIfFailedLately(); // the start this call waited for failed
            if (ended) {
                throw closing();
            }
            if (current != null && status == 400 && isBefore(startedAt + FRESH_NANOS)) {
                return null;
            }
            String started;
            try {
                started = start(deadline);
            } catch (BackendFailure e) {
                lastFailure = e.getMessage();
                lastFailureUntil = System.nanoTime() + FAILURE_MEMORY_NANOS;
                throw e;
            }
            if (started == null) {
                statelessUntil = System.nanoTime() + STATELESS_MEMORY_NANOS;
                id.set(null);
                return null;
            }
            startedAt = System.nanoTime();
            id.set(started);
            if (ended) { // the gateway closed while the session started: end it now, or it waits out its expiry
                end();
                throw closing();
            }
            log.info("Started a session with backend '{}'{}", backend, stale == null ? "" : " (it forgot the last)");
            return started;
        } finally {
            starting.unlock();
        }
    }

    /** Ends the session, when there is one, so the server need not keep it until it expires. */
    void end() {
        ended = true;
        String last = id.getAndSet(null);
        if (last != null) {
            try {
                connections.endSession(endpoint, McpBackendClient.headers(credentials,
                        McpBackendClient.ACCEPT_ANSWERS, last, protocolVersion), END_TIMEOUT);
            } catch (BackendFailure e) {
                log.debug("Cannot end the session with backend '{}': {}", backend, e.getMessage());
            }
        }
    }

    private BackendFailure closing() {
        return new BackendFailure(BackendFailure.Kind.UNAVAILABLE, backend, "backend '" + backend
                + "': the gateway is closing");
    }

    private void throwIfFailedLately() throws BackendFailure {
        String failed = lastFailure;
        if (failed != null && isBefore(lastFailureUntil)) {
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, backend, failed);
        }
    }

    private static boolean isBefore(long nanoTime) {
        return System.nanoTime() - nanoTime < 0;
    }

    /**
     * Starts a session: {@code initialize}, then {@code notifications/initialized} with the session the answer names,
     * both before {@code deadline}; returns it, or null when the server keeps none.
     */
    private String start(long deadline) throws BackendFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", INITIALIZE_ID);
        request.put("method", "initialize");
        request.put("params", Map.of("protocolVersion", McpBackendClient.PROTOCOL_VERSION, "capabilities", Map.of(),
                "clientInfo", McpBackendClient.CLIENT_INFO));
        // a server may keep an event stream open after its response: read up to that, not to the stream's end
        BackendConnections.Answer answer = connections.post(endpoint, mapper.writeValueAsBytes(request),
                McpBackendClient.headers(credentials, McpBackendClient.ACCEPT_ANSWERS, null, protocolVersion),
                left(deadline),
                JsonRpcResponses.responseTo(INITIALIZE_ID));
        if (answer.status() != 200) {
            if (era.judge(answer) == BackendEra.Verdict.MODERN) { // a server of 2026-07-28, which has no initialize
                era.become(true);
            }
            throw BackendFailure.httpStatus(backend, answer, "initialize", false);
        }
        era.become(false); // initialize answered: a server of the earlier era (or of both)
        agreeOnVersion(answer);
        // the lifecycle's end, also for a server that keeps no session (notifications are answered 202 alone)
        connections.post(endpoint, mapper.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method",
                "notifications/initialized")), McpBackendClient.headers(credentials,
                McpBackendClient.ACCEPT_ANSWERS, answer.sessionId(), protocolVersion), left(deadline));
        return answer.sessionId();
    }

    /** Takes the version the server's answer to {@code initialize} names, when the gateway speaks it. */
    private void agreeOnVersion(BackendConnections.Answer answer) {
        try {
            JsonNode answered = JsonRpcResponses.parse(answer.contentType(), answer.body(), INITIALIZE_ID, mapper,
                    backend);
            String agreed = answered == null ? "" : answered.path("result").path("protocolVersion").asString("");
            if (McpBackendClient.PROTOCOL_VERSIONS.contains(agreed)) {
                protocolVersion = agreed;
            }
        } catch (BackendFailure e) {
            // the session stands as before: calls in it find out whether the server can be spoken to
            log.debug("Backend '{}' answered initialize with no readable version: {}", backend, e.getMessage());
        }
    }

    private Duration left(long deadline) throws BackendFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new BackendFailure(BackendFailure.Kind.TIMEOUT, backend, "backend '" + backend
                    + "' did not start a session in the time left");
        }
        return Duration.ofNanos(left);
    }
}
