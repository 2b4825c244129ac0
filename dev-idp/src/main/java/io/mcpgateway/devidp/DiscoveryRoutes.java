package io.mcpgateway.devidp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The discovery document (OpenID Connect Discovery 1.0 §4) and the JWK Set its {@code jwks_uri} names. */
final class DiscoveryRoutes {

    private final String host;
    private final List<String> scopes;
    private final SigningKeys keys;

    DiscoveryRoutes(String host, List<String> scopes, SigningKeys keys) {
        this.host = Objects.requireNonNull(host, "host");
        this.scopes = List.copyOf(scopes);
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    void register(RoutesConfig routes) {
        routes.get(IssuerEndpoints.DISCOVERY_PATH, this::discovery);
        routes.get(IssuerEndpoints.AUTHORIZATION_SERVER_PATH, this::discovery);
        routes.get(IssuerEndpoints.JWKS_PATH, this::jwks);
        routes.get(IssuerEndpoints.AUTHORIZATION_PATH, DiscoveryRoutes::authorize);
    }

    private void discovery(Context ctx) {
        ctx.json(ProviderMetadata.of(IssuerEndpoints.of(host, ctx.req().getLocalPort()), scopes));
    }

    /** RFC 6749 §4.1.2.1's error, answered directly: there is no redirect URI to trust, and no user to ask. */
    private static void authorize(Context ctx) {
        ctx.status(400).json(Map.of("error", "unsupported_response_type", "error_description",
                "this development issuer issues tokens with the client credentials grant only (POST "
                        + IssuerEndpoints.TOKEN_PATH + ")"));
    }

    private void jwks(Context ctx) {
        ctx.json(keys.publicJwkSet());
    }
}
