package io.mcpgateway.devidp;

import java.util.Objects;

/**
 * The issuer identifier and the URLs derived from it.
 *
 * @param issuer {@code http://host:port}, exactly as it appears in the {@code iss} claim and the discovery document
 */
record IssuerEndpoints(String issuer) {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String TOKEN_PATH = "/oauth2/token";
    /** The same metadata where OAuth 2.0 clients look first (RFC 8414), as MCP clients do. */
    static final String AUTHORIZATION_SERVER_PATH = "/.well-known/oauth-authorization-server";
    static final String AUTHORIZATION_PATH = "/oauth2/authorize";

    IssuerEndpoints {
        Objects.requireNonNull(issuer, "issuer");
    }

    /** The endpoints of an issuer listening on {@code host} (a name or an IPv4 or IPv6 literal) and {@code port}. */
    static IssuerEndpoints of(String host, int port) {
        boolean ipv6Literal = host.contains(":") && !host.startsWith("[");
        return new IssuerEndpoints("http://" + (ipv6Literal ? "[" + host + "]" : host) + ":" + port);
    }

    String discoveryUri() {
        return issuer + DISCOVERY_PATH;
    }

    String jwksUri() {
        return issuer + JWKS_PATH;
    }

    String tokenEndpoint() {
        return issuer + TOKEN_PATH;
    }

    String authorizationEndpoint() {
        return issuer + AUTHORIZATION_PATH;
    }
}
