package io.mcpgateway.devidp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the development issuer is exposed and whom it serves.
 *
 * @param host the address to listen on, also the issuer's host ({@code http://host:port}); so it must be an address a
 *     client can reach, never a wildcard
 * @param port the port; 0 picks a free one (tests)
 * @param clients client id → client secret of every confidential client allowed to use the token endpoint
 * @param allowedScopes the scopes a client may request
 * @param defaultScopes the scopes granted when a request names none; a subset of {@code allowedScopes}
 * @param tokenLifetime how long an access token issued by the token endpoint is valid
 */
public record DevIdpConfig(String host, int port, Map<String, String> clients, List<String> allowedScopes,
        List<String> defaultScopes, Duration tokenLifetime) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9000;
    public static final String DEFAULT_CLIENT_ID = "dev-client";
    public static final String DEFAULT_CLIENT_SECRET = "dev-secret";
    public static final List<String> DEFAULT_SCOPES = List.of("restaurants/read");
    /**
     * Also allowed on request ({@code scope=restaurants/read gateway-admin}): the gateway's default admin scope, and
     * the scope the README's configuration example requires of the recommend route.
     */
    public static final List<String> ALLOWED_SCOPES = List.of("restaurants/read", "gateway-admin",
            "restaurants/recommend");
    /** One hour, as Cognito's default access token validity. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Cognito's upper bound for access token validity. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(1);

    public DevIdpConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank but was '" + host + "'");
        }
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            throw new IllegalArgumentException(
                    "host is also the issuer's host, so it must be reachable, not a wildcard, but was " + host);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        clients = copyClients(clients);
        allowedScopes = ScopePolicy.requireScopeTokens("allowedScopes", allowedScopes);
        defaultScopes = ScopePolicy.requireScopeTokens("defaultScopes", defaultScopes);
        // Cognito grants client credentials only with at least one scope; so does this issuer.
        if (defaultScopes.isEmpty()) {
            throw new IllegalArgumentException("defaultScopes must name at least one scope");
        }
        if (!allowedScopes.containsAll(defaultScopes)) {
            throw new IllegalArgumentException("defaultScopes must be among allowedScopes " + allowedScopes
                    + " but were " + defaultScopes);
        }
        requireTokenLifetime("tokenLifetime", tokenLifetime);
    }

    /**
     * The defaults: 127.0.0.1:9000, client {@code dev-client}/{@code dev-secret}, scope restaurants/read (and
     * gateway-admin and restaurants/recommend when asked for), one hour.
     */
    public static DevIdpConfig defaults() {
        return new DevIdpConfig(DEFAULT_HOST, DEFAULT_PORT, Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET),
                ALLOWED_SCOPES, DEFAULT_SCOPES, DEFAULT_TOKEN_LIFETIME);
    }

    public DevIdpConfig withPort(int newPort) {
        return new DevIdpConfig(host, newPort, clients, allowedScopes, defaultScopes, tokenLifetime);
    }

    public DevIdpConfig withClients(Map<String, String> newClients) {
        return new DevIdpConfig(host, port, newClients, allowedScopes, defaultScopes, tokenLifetime);
    }

    public DevIdpConfig withScopes(List<String> allowed, List<String> defaults) {
        return new DevIdpConfig(host, port, clients, allowed, defaults, tokenLifetime);
    }

    public DevIdpConfig withTokenLifetime(Duration lifetime) {
        return new DevIdpConfig(host, port, clients, allowedScopes, defaultScopes, lifetime);
    }

    @Override
    public String toString() {
        // Secrets stay out of logs and exception messages.
        return "DevIdpConfig[host=" + host + ", port=" + port + ", clients=" + clients.keySet() + ", allowedScopes="
                + allowedScopes + ", defaultScopes=" + defaultScopes + ", tokenLifetime=" + tokenLifetime + "]";
    }

    /** Checks a token lifetime, configured or programmatic, naming {@code setting} in the error. */
    static void requireTokenLifetime(String setting, Duration lifetime) {
        Objects.requireNonNull(lifetime, setting);
        if (lifetime.toSeconds() < 1 || lifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
            throw new IllegalArgumentException(setting + " must be between 1 second and " + MAX_TOKEN_LIFETIME
                    + " but was " + lifetime);
        }
    }

    private static Map<String, String> copyClients(Map<String, String> clients) {
        Objects.requireNonNull(clients, "clients");
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("clients must name at least one client");
        }
        clients.forEach((id, secret) -> {
            // RFC 7617 §2: the user-id of Basic credentials cannot contain a colon.
            if (id == null || id.isBlank() || id.contains(":")) {
                throw new IllegalArgumentException("client id must be non-blank without ':' but was '" + id + "'");
            }
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("client secret of '" + id + "' must not be empty");
            }
        });
        return Map.copyOf(clients);
    }
}
