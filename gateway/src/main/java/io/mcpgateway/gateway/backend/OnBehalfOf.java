package io.mcpgateway.gateway.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mcpgateway.gateway.auth.Caller;

/**
 * Whom a tool call is made for, told to the backend in the call's {@code _meta} under {@link #META_KEY}: the caller's
 * token never goes to a backend (MCP forbids passing it through), yet a backend may audit or answer by caller. The
 * subject, the client and the scopes only: the backend learns who calls, not the caller's profile (email, groups).
 * A backend trusts it as far as it trusts the gateway, which authenticates to it with its own credentials.
 */
public record OnBehalfOf(String subject, String clientId, Set<String> scopes) {

    /** The key of {@code tools/call}'s {@code _meta} the caller is given under. */
    public static final String META_KEY = "io.mcpgateway/caller";

    public OnBehalfOf {
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
    }

    public static OnBehalfOf of(Caller caller) {
        return new OnBehalfOf(caller.subject(), caller.clientId(), caller.scopes());
    }

    /**
     * As the backend reads it: {@code subject}, {@code client_id} (when known) and {@code scopes}, sorted; the same
     * for the same caller, so the response cache keys its entries per caller by it too.
     */
    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("subject", subject);
        if (clientId != null) {
            meta.put("client_id", clientId);
        }
        meta.put("scopes", scopes.stream().sorted().toList());
        return meta;
    }
}
