package io.mcpgateway.devidp;

import java.util.List;
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
        routes.get(IssuerEndpoints.JWKS_PATH, this::jwks);
    }

    private void discovery(Context ctx) {
        ctx.json(ProviderMetadata.of(IssuerEndpoints.of(host, ctx.req().getLocalPort()), scopes));
    }

    private void jwks(Context ctx) {
        ctx.json(keys.publicJwkSet());
    }
}
