package io.mcpgateway.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway presents to a backend on every call. The caller's own token never reaches a backend; these are
 * the gateway's credentials for that backend. {@code toString} never shows a secret, so settings can be logged.
 */
public sealed interface OutboundCredentials {

    /** The kind, as configured ({@code backends[].auth.type}). */
    String type();

    static OutboundCredentials none() {
        return new None();
    }

    /** Nothing: the backend is open to the gateway (a private network, a sidecar). */
    record None() implements OutboundCredentials {
        @Override
        public String type() {
            return "none";
        }
    }

    /**
     * One header with a fixed value: a static bearer token ({@code Authorization: Bearer ...}) or an API key.
     *
     * @param type {@code bearer} or {@code api_key}
     */
    record StaticHeader(String type, String header, String value) implements OutboundCredentials {
        public StaticHeader {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(value, "value");
        }

        public static StaticHeader bearer(String token) {
            return new StaticHeader("bearer", "Authorization", "Bearer " + token);
        }

        public static StaticHeader apiKey(String header, String key) {
            return new StaticHeader("api_key", header, key);
        }

        @Override
        public String toString() {
            return "StaticHeader[type=" + type + ", header=" + header + ", value=***]";
        }
    }

    /**
     * An access token the gateway gets for itself from an OAuth 2.0 token endpoint with the client credentials grant
     * (RFC 6749 §4.4), kept until shortly before it expires.
     *
     * @param scopes the scopes asked for; empty to ask for the client's defaults
     * @param audience sent as {@code audience} when set (some providers need it to pick the API)
     */
    record ClientCredentials(URI tokenUrl, String clientId, String clientSecret, List<String> scopes,
            String audience) implements OutboundCredentials {
        public ClientCredentials {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            scopes = List.copyOf(scopes);
        }

        @Override
        public String type() {
            return "oauth_client_credentials";
        }

        @Override
        public String toString() {
            return "ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***, scopes="
                    + scopes + ", audience=" + audience + "]";
        }
    }
}
