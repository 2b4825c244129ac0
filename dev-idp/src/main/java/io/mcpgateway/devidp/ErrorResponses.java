package io.mcpgateway.devidp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/** Renders every error as an RFC 6749 §5.2 style JSON body; nothing internal ever reaches a client. */
final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String ENDPOINTS = "this issuer serves GET " + IssuerEndpoints.DISCOVERY_PATH + ", GET "
            + IssuerEndpoints.JWKS_PATH + " and POST " + IssuerEndpoints.TOKEN_PATH;

    private final long maxRequestBytes;

    ErrorResponses(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    void register(RoutesConfig routes) {
        routes.exception(OAuthException.class, this::oauthError);
        routes.exception(HttpResponseException.class, this::httpError);
        routes.exception(Exception.class, this::unexpected);
    }

    private void oauthError(OAuthException e, Context ctx) {
        log.debug("Token request refused: {} ({})", e.code().wireName(), e.description());
        if (e.code() == OAuthException.Code.INVALID_CLIENT) {
            // RFC 6749 §5.2: a 401 names the authentication scheme the client should use.
            ctx.header(Header.WWW_AUTHENTICATE, "Basic realm=\"dev-idp\"");
        }
        ctx.status(e.code().status()).json(new ErrorBody(e.code().wireName(), e.description()));
    }

    /** Javalin's own refusals: no such path, wrong method, body too large. */
    private void httpError(HttpResponseException e, Context ctx) {
        ErrorBody body = switch (e.getStatus()) {
            case 404 -> new ErrorBody("not_found", "no such endpoint; " + ENDPOINTS);
            case 405 -> {
                // Javalin names the allowed methods under one of two keys, depending on the Accept header.
                String allowed = e.getDetails().getOrDefault("availableMethods",
                        e.getDetails().get("Available methods"));
                if (allowed != null) {
                    ctx.header(Header.ALLOW, allowed);
                }
                yield new ErrorBody("method_not_allowed", "method not allowed; " + ENDPOINTS);
            }
            case 413 -> new ErrorBody("invalid_request", "the body is larger than " + maxRequestBytes + " bytes");
            default -> new ErrorBody(e.getStatus() < 500 ? "invalid_request" : "server_error",
                    HttpStatus.forStatus(e.getStatus()).getMessage());
        };
        ctx.status(e.getStatus()).json(body);
    }

    private void unexpected(Exception e, Context ctx) {
        log.error("Development issuer failed on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(new ErrorBody("server_error", "internal error"));
    }
}
