package io.mcpgateway.gateway.backend;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which era of MCP a backend speaks: the revisions that open with {@code initialize} (up to 2025-11-25), or the
 * stateless 2026-07-28, where every request names its version in {@code _meta} and headers. The gateway speaks the
 * earlier one first, as before, and changes when a backend's 400 is an error only a server of the other era gives
 * (the versioning page's rule for clients of both eras: "inspect the body of a 400 before falling back"); a backend
 * replaced by one of the other era is followed back the same way.
 */
final class BackendEra {

    /** The stateless revision the gateway speaks to backends that speak no earlier one. */
    static final String MODERN_VERSION = "2026-07-28";

    /** The errors only a server of 2026-07-28 gives: headers against the body, a capability, a version. */
    private static final int HEADER_MISMATCH = -32020;
    private static final int MISSING_CLIENT_CAPABILITY = -32021;
    private static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    private static final int INVALID_PARAMS = -32602;

    private static final Logger log = LoggerFactory.getLogger(BackendEra.class);

    private final String backend;
    private final JsonMapper mapper;
    private volatile boolean modern;

    BackendEra(String backend, JsonMapper mapper) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Whether requests go out in the form of 2026-07-28. */
    boolean modern() {
        return modern;
    }

    /**
     * Whether a 400 answered to a request sent in the form {@code sentModern} says the backend speaks the other era;
     * if so, later requests take that era's form.
     */
    boolean switchesOn(BackendConnections.Answer answer, boolean sentModern) {
        if (answer.status() != 400) {
            return false;
        }
        boolean speaksModern = modernRefusal(answer, sentModern);
        if (speaksModern == sentModern) {
            return false;
        }
        modern = speaksModern;
        log.info("Backend '{}' speaks MCP {}: called {} from now on", backend,
                speaksModern ? MODERN_VERSION : "of the initialize era",
                speaksModern ? "statelessly, each request naming its version" : "as before");
        return true;
    }

    /**
     * Whether a 400's body is an error of 2026-07-28 that a request of that form can get past: a header mismatch, a
     * capability, or a version refused while the server lists {@link #MODERN_VERSION} among those it speaks; and, to
     * a request already in that form, invalid params, which such a server answers with 400 too (so one that does for
     * a tool's arguments is not taken for a server of the earlier era).
     */
    private boolean modernRefusal(BackendConnections.Answer answer, boolean sentModern) {
        if (!answer.contentType().startsWith("application/json")) {
            return false;
        }
        JsonNode error;
        try {
            error = mapper.readTree(answer.body()).path("error");
        } catch (JacksonException e) {
            return false;
        }
        int code = error.path("code").asInt(0);
        if (code == UNSUPPORTED_PROTOCOL_VERSION) {
            for (JsonNode version : error.path("data").path("supported")) {
                if (MODERN_VERSION.equals(version.asString(""))) {
                    return true;
                }
            }
            return false;
        }
        return code == HEADER_MISMATCH || code == MISSING_CLIENT_CAPABILITY || sentModern && code == INVALID_PARAMS;
    }
}
