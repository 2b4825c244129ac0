package io.mcpgateway.devidp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Header;

/** {@code POST /oauth2/token}: the client credentials grant (RFC 6749 §4.4). */
final class TokenRoutes {

    private static final Logger log = LoggerFactory.getLogger(TokenRoutes.class);

    private final String host;
    private final ClientAuthenticator clients;
    private final ScopePolicy scopes;
    private final AccessTokenIssuer tokens;
    private final Duration lifetime;
    private final int maxRequestBytes;

    TokenRoutes(String host, ClientAuthenticator clients, ScopePolicy scopes, AccessTokenIssuer tokens,
            Duration lifetime, int maxRequestBytes) {
        this.host = Objects.requireNonNull(host, "host");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.maxRequestBytes = maxRequestBytes;
    }

    void register(RoutesConfig routes) {
        routes.post(IssuerEndpoints.TOKEN_PATH, this::token);
    }

    private void token(Context ctx) throws IOException {
        // RFC 6749 §5.1: token responses must not be cached; set first so error responses carry it too.
        ctx.header(Header.CACHE_CONTROL, "no-store");
        ctx.header(Header.PRAGMA, "no-cache");
        TokenRequest request = TokenRequest.parse(ctx.header(Header.CONTENT_TYPE), body(ctx));
        String clientId = clients.authenticate(ctx.header(Header.AUTHORIZATION), request);
        if (request.grantType() == null) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        if (!request.grantType().equals(TokenRequest.CLIENT_CREDENTIALS)) {
            throw OAuthException.unsupportedGrantType("only grant_type=client_credentials is supported");
        }
        List<String> granted = scopes.grant(request.scope());
        // The issuer is the address this request reached, so it is right with port 0 too.
        String issuer = IssuerEndpoints.of(host, ctx.req().getLocalPort()).issuer();
        String token = tokens.issue(issuer, clientId, granted, lifetime);
        log.debug("Issued an access token to client '{}' with scopes {}", clientId, granted);
        ctx.json(TokenResponse.bearer(token, lifetime.toSeconds(), String.join(" ", granted)));
    }

    /** Reads at most one byte more than allowed, whether or not the client sent a length. */
    private byte[] body(Context ctx) throws IOException {
        // Read here rather than by Javalin, which logs a warning for every oversized body: a client error, not ours.
        byte[] body = ctx.req().getInputStream().readNBytes(maxRequestBytes + 1);
        if (body.length > maxRequestBytes) {
            throw new ContentTooLargeResponse();
        }
        return body;
    }
}
