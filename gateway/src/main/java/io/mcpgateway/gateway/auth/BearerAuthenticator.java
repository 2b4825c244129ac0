package io.mcpgateway.gateway.auth;

import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nimbusds.jose.KeySourceException;

import io.javalin.http.Context;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.text.RepeatLimiter;

/**
 * Authenticates a request from its {@code Authorization: Bearer} header (RFC 6750), counting every outcome. Failures
 * are 401 with a {@code WWW-Authenticate} challenge saying why; a caller without a needed scope gets 403 with
 * {@code error="insufficient_scope"}. The caller's identity goes in the request and the MDC; the token goes nowhere.
 */
public final class BearerAuthenticator {

    public static final String REALM = "mcp-tools-gateway";
    public static final String MDC_KEY = "caller";

    private static final Logger log = LoggerFactory.getLogger(BearerAuthenticator.class);
    private static final String CALLER_ATTRIBUTE = "gateway.caller";
    private static final String BEARER = "bearer ";
    /** What an error_description may not hold (RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E). */
    private static final Pattern NOT_DESCRIBABLE = Pattern.compile("[^\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]");

    private final JwtVerifier verifier;
    private final GatewayMetrics metrics;
    private final RepeatLimiter issuerOutageLines = new RepeatLimiter(Duration.ofSeconds(10));

    public BearerAuthenticator(JwtVerifier verifier, GatewayMetrics metrics) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Verifies the request's token and remembers the caller; throws the 401 or 503 to answer otherwise. */
    public Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        try {
            if (header != null && repeated(ctx)) {
                // Which one would count is a guess a proxy in front may make differently (RFC 6750 §3.1)
                throw new TokenRejectedException(AuthFailure.REPEATED_HEADER, null);
            }
            Caller caller = verifier.verify(token(header));
            ctx.attribute(CALLER_ATTRIBUTE, caller);
            MDC.put(MDC_KEY, caller.id());
            metrics.authSuccess();
            return caller;
        } catch (TokenRejectedException e) {
            metrics.authFailure(e.reason().label());
            log.info("Authentication failed on {} {}: {}{}", ctx.method(), ctx.path(), e.reason().label(),
                    e.holder() == null ? "" : " (a token of " + e.holder() + ")");
            throw new GatewayException.Authentication(e.reason().name(), e.getMessage(), challenge(e));
        } catch (KeySourceException e) {
            metrics.authFailure("issuer_unavailable");
            long held = issuerOutageLines.admit(); // every request meets the outage: a line for each filled the log
            if (held != RepeatLimiter.HOLD) {
                log.warn("Cannot verify tokens: the issuer's keys are unavailable: {}{}", e.getMessage(),
                        RepeatLimiter.heldBack(held));
            }
            throw new GatewayException.ServiceUnavailable("IDENTITY_PROVIDER_UNAVAILABLE",
                    "Tokens cannot be verified right now: the identity provider's keys are unavailable", Map.of(),
                    GatewayException.ServiceUnavailable.RETRY_AFTER);
        }
    }

    /** Fails with 403 unless the caller holds every one of {@code required} (as scopes or groups). */
    public static void requireAll(Caller caller, List<String> required) {
        List<String> missing = required.stream().filter(p -> !caller.holds(p)).toList();
        if (!missing.isEmpty()) {
            String scope = String.join(" ", required);
            throw new GatewayException.Authorization("This route needs the scope(s) " + missing,
                    Map.of("required_scopes", required, "missing_scopes", missing),
                    "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
        }
    }

    /** The caller of an authenticated request. */
    public static Caller caller(Context ctx) {
        return ctx.attribute(CALLER_ATTRIBUTE);
    }

    private static boolean repeated(Context ctx) {
        Enumeration<String> headers = ctx.req().getHeaders("Authorization");
        headers.nextElement();
        return headers.hasMoreElements();
    }

    private static String token(String header) throws TokenRejectedException {
        if (header == null || header.isBlank()) {
            throw new TokenRejectedException(AuthFailure.MISSING_TOKEN, null);
        }
        // The scheme is case-insensitive (RFC 9110 §11.1).
        // regionMatches rather than a lower-cased copy of the whole header: the token is most of it
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) && !header.equalsIgnoreCase("bearer")) {
            throw new TokenRejectedException(AuthFailure.INVALID_SCHEME, null);
        }
        String token = header.length() > BEARER.length() ? header.substring(BEARER.length()).strip() : "";
        if (token.isEmpty()) {
            throw new TokenRejectedException(AuthFailure.EMPTY_TOKEN, null);
        }
        return token;
    }

    /**
     * The 401 of a token refused for a use it was taken for at first (a subscription's stream, which lasts as long as
     * its token: one that expired, within the verifier's leeway, opens none), with its challenge.
     */
    public static GatewayException.Authentication refusal(AuthFailure reason, String detail) {
        TokenRejectedException e = new TokenRejectedException(reason, detail);
        return new GatewayException.Authentication(reason.name(), e.getMessage(), challenge(e));
    }

    /**
     * RFC 6750 §3.1: no error code when no credentials were sent or another scheme was (Basic, say), invalid_token
     * otherwise, and a description of printable ASCII but quotes and backslashes (a reason naming what a token holds
     * could hold anything else).
     */
    private static String challenge(TokenRejectedException e) {
        if (e.reason() == AuthFailure.MISSING_TOKEN || e.reason() == AuthFailure.INVALID_SCHEME) {
            return "Bearer realm=\"" + REALM + "\"";
        }
        return "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\""
                + NOT_DESCRIBABLE.matcher(e.getMessage().replace('"', '\'')).replaceAll("?") + "\"";
    }
}
