package io.mcpgateway.gateway.backend;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.mcpkit.ModernRequests;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which era of MCP a backend speaks: the revisions that open with {@code initialize} (up to 2025-11-25), or the
 * stateless 2026-07-28, where every request names its version in {@code _meta} and headers. The gateway speaks the
 * earlier one first, as before, and changes only on evidence: a 400 that only a server of 2026-07-28 gives, or a
 * request of the other form answered where one of this form was refused (the versioning page's rule for clients of
 * both eras: "inspect the body of a 400 before falling back").
 */
final class BackendEra {

    /** The stateless revision the gateway speaks to backends that speak no earlier one. */
    static final String MODERN_VERSION = ModernRequests.VERSIONS.get(0);

    /** What a 400's body says of the era of the server that gave it. */
    enum Verdict {
        /** An error only a server of 2026-07-28 gives: a header mismatch, a capability, a version it lists. */
        MODERN,
        /** Invalid params with HTTP 400: what such a server answers a request without its {@code _meta}. */
        MAYBE_MODERN,
        /** Anything else. */
        OTHER
    }

    private static final int INVALID_PARAMS = -32602;

    private static final Logger log = LoggerFactory.getLogger(BackendEra.class);

    private final String backend;
    private final JsonMapper mapper;
    private volatile boolean modern;
    /** Told of each change: the backend's listening stream, which is of one era. */
    private volatile Runnable onChange = () -> { };

    BackendEra(String backend, JsonMapper mapper) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Whether requests go out in the form of 2026-07-28. */
    boolean modern() {
        return modern;
    }

    /** What runs (on the thread that found it out) when the backend turns out to speak the other era. */
    void onChange(Runnable listener) {
        onChange = Objects.requireNonNull(listener, "listener");
    }

    /** From now on, requests go out in the form of 2026-07-28 when {@code modern}, else as before; logged once. */
    void become(boolean modern) {
        synchronized (this) {
            if (this.modern == modern) {
                return;
            }
            this.modern = modern;
        }
        log.info("Backend '{}' speaks MCP {}: called {} from now on", backend,
                modern ? MODERN_VERSION : "of the initialize era",
                modern ? "statelessly, each request naming its version" : "as before");
        onChange.run();
    }

    /** What the body of {@code answer}, a 400, says of the server's era; {@link Verdict#OTHER} for other statuses. */
    Verdict judge(BackendConnections.Answer answer) {
        if (answer.status() != 400 || !answer.contentType().startsWith("application/json")) {
            return Verdict.OTHER;
        }
        JsonNode error;
        try {
            error = mapper.readTree(answer.body()).path("error");
        } catch (JacksonException e) {
            return Verdict.OTHER;
        }
        int code = error.path("code").asInt(0);
        if (code == ModernRequests.UNSUPPORTED_PROTOCOL_VERSION) {
            for (JsonNode version : error.path("data").path("supported")) {
                if (MODERN_VERSION.equals(version.asString(""))) {
                    return Verdict.MODERN;
                }
            }
            return Verdict.OTHER;
        }
        if (code == ModernRequests.HEADER_MISMATCH || code == ModernRequests.MISSING_CLIENT_CAPABILITY) {
            return Verdict.MODERN;
        }
        return code == INVALID_PARAMS ? Verdict.MAYBE_MODERN : Verdict.OTHER;
    }
}
