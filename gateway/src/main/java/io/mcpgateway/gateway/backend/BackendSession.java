package io.mcpgateway.gateway.backend;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The session of a backend that keeps them (Streamable HTTP: an {@code initialize} answered with an
 * {@code Mcp-Session-Id}, which every request after carries). The gateway calls backends without one; a server that
 * wants one answers such a request 400 (the Python and TypeScript SDKs' default servers do), and one that forgot its
 * session 404: then a session is started, once for all the calls that met the refusal, and the call is sent again
 * with it. A server whose {@code initialize} names no session keeps none, and is not asked again.
 */
final class BackendSession {

    private static final Logger log = LoggerFactory.getLogger(BackendSession.class);

    private final String backend;
    private final URI endpoint;
    private final BackendConnections connections;
    private final BackendCredentials credentials;
    private final JsonMapper mapper;
    private final Duration timeout;
    private final ReentrantLock starting = new ReentrantLock();
    private volatile String id;
    private volatile boolean stateless;

    BackendSession(String backend, URI endpoint, BackendConnections connections, BackendCredentials credentials,
            JsonMapper mapper, Duration timeout) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The session the next request carries; null for none. */
    String id() {
        return id;
    }

    /** Whether {@code answer}, to a request that carried {@code sent}, asks for a (new) session. */
    boolean wanted(BackendConnections.Answer answer, String sent) {
        return sent == null ? answer.status() == 400 && !stateless : answer.status() == 404;
    }

    /**
     * A session in place of {@code stale} (the one the refused request carried, or null): the one another call started
     * meanwhile, else a new one; null when the server keeps none.
     */
    String renew(String stale) throws BackendFailure {
        starting.lock();
        try {
            String current = id;
            if (current != null && !current.equals(stale)) {
                return current;
            }
            id = null;
            String started = start(connections, endpoint, credentials, mapper, timeout, backend);
            if (started == null) {
                stateless = true;
                return null;
            }
            log.info("Started a session with backend '{}'{}", backend, stale == null ? "" : " (it forgot the last)");
            id = started;
            return started;
        } finally {
            starting.unlock();
        }
    }

    /**
     * Starts a session: {@code initialize}, then {@code notifications/initialized} with the session the answer names;
     * returns it, or null when the server keeps none.
     */
    static String start(BackendConnections connections, URI endpoint, BackendCredentials credentials,
            JsonMapper mapper, Duration timeout, String backend) throws BackendFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", "gateway-initialize");
        request.put("method", "initialize");
        request.put("params", Map.of("protocolVersion", McpBackendClient.PROTOCOL_VERSION, "capabilities", Map.of(),
                "clientInfo", Map.of("name", "mcp-tools-gateway", "version", "1.0.0")));
        BackendConnections.Answer answer = connections.post(endpoint, mapper.writeValueAsBytes(request),
                McpBackendClient.headers(credentials, McpBackendClient.ACCEPT_ANSWERS, null), timeout);
        if (answer.status() != 200) {
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, backend, answer.status(),
                    "backend '" + backend + "' answered HTTP " + answer.status() + " to initialize");
        }
        if (answer.sessionId() != null) {
            connections.post(endpoint, mapper.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method",
                    "notifications/initialized")), McpBackendClient.headers(credentials,
                    McpBackendClient.ACCEPT_ANSWERS, answer.sessionId()), timeout);
        }
        return answer.sessionId();
    }
}
