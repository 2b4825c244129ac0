package io.mcpgateway.gateway.backend;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.OutboundCredentials;
import io.mcpgateway.gateway.http.BoundedExchange;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.RepeatLimiter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own access token for one backend, from an OAuth 2.0 token endpoint with the client credentials grant
 * (RFC 6749 §4.4, client authenticated with HTTP Basic). One token is shared by every call until shortly before it
 * expires; only one request for a new one is made at a time, and its failure answers the calls that waited for it and
 * those of the next few seconds: with a token endpoint that hung, each waiting call made its own 10-s request in turn
 * (the fourth answered after 40 s). Neither the secret nor the token is ever logged.
 */
final class ClientCredentialsTokens implements BackendCredentials {

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokens.class);
    /** Used when the token endpoint does not say how long its token lives. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration TOKEN_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A token endpoint's answer is a small JSON object; a larger one is refused rather than held in memory. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    /** The form of OAuth's error codes (RFC 6749 §5.2 allows more; a code of these characters says enough). */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    /** How long a failed token request answers the calls after it, without a new one. */
    static final Duration FAILURE_MEMORY = Duration.ofSeconds(5);
    /**
     * At most one renewal per this interval because the backend refused the token: when the new one is refused too
     * (a wrong audience or scope), more would be, and each call would cost a token request (billed by some providers).
     */
    static final Duration REFUSAL_RENEWAL_INTERVAL = Duration.ofSeconds(10);

    private final String backend;
    private final OutboundCredentials.ClientCredentials grant;
    private final HttpClient http;
    private final JsonMapper mapper;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<Token> current = new AtomicReference<>();
    /** The token endpoint as the log names it: without its query, which may hold a key. */
    private final String shownTokenUrl;
    /** A failure is said at once, then at most once a minute while it lasts (the rest at DEBUG, then counted). */
    private final RepeatLimiter failureLines = new RepeatLimiter(Duration.ofMinutes(1));
    private volatile Failure lastFailure;
    private volatile Instant lastRefusalRenewal = Instant.MIN;

    private record Token(String header, Instant renewAt, Instant expiresAt) {
    }

    /** A failed request's message, for the calls it answers (each gets its own exception, without a log line). */
    private record Failure(String message, Instant until) {

        BackendFailure failure(String backend) {
            return new BackendFailure(BackendFailure.Kind.UNAVAILABLE, backend, message);
        }
    }

    ClientCredentialsTokens(String backend, OutboundCredentials.ClientCredentials grant, HttpClient http,
            JsonMapper mapper, Clock clock) {
        this.backend = backend;
        this.grant = Objects.requireNonNull(grant, "grant");
        this.shownTokenUrl = grant.tokenUrl().toString().replaceFirst("[?#].*", "");
        this.http = Objects.requireNonNull(http, "http");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, String> headers() throws BackendFailure {
        Token token = current.get();
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = renew(token);
        }
        return Map.of("Authorization", token.header());
    }

    @Override
    public synchronized boolean refused(Map<String, String> sent) {
        Token token = current.get();
        if (token == null || !token.header().equals(sent.get("Authorization"))) {
            return true; // renewed since (or being renewed): a call in flight with the old token goes again
        }
        Instant now = clock.instant();
        if (now.isBefore(lastRefusalRenewal.plus(REFUSAL_RENEWAL_INTERVAL))) {
            return false;
        }
        // only the refused token is dropped: one renewed meanwhile (under the renewal's lock) stays
        if (current.compareAndSet(token, null)) {
            lastRefusalRenewal = now;
        }
        return true;
    }

    /** A new token; the stale one while it has not expired yet when none can be had. */
    private Token renew(Token stale) throws BackendFailure {
        try {
            return renewOrFail(stale);
        } catch (BackendFailure e) {
            if (stale != null && clock.instant().isBefore(stale.expiresAt())) {
                return stale; // renewed early on purpose: it still works for a few seconds
            }
            throw e;
        }
    }

    private Token renewOrFail(Token stale) throws BackendFailure {
        throwIfFailedLately();
        try {
            // the request holding the lock ends within its timeout: a waiter never waits for more than one
            if (!lock.tryLock(TOKEN_REQUEST_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                throw failure("a request for a token is taking too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for a token");
        }
        try {
            Token token = current.get();
            if (token != null && token != stale && clock.instant().isBefore(token.renewAt())) {
                return token; // another call renewed it while this one waited
            }
            throwIfFailedLately(); // the request this call waited for failed
            try {
                token = request();
            } catch (BackendFailure e) {
                lastFailure = new Failure(e.getMessage(), clock.instant().plus(FAILURE_MEMORY));
                throw e;
            }
            current.set(token);
            return token;
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailedLately() throws BackendFailure {
        Failure failed = lastFailure;
        if (failed != null && clock.instant().isBefore(failed.until())) {
            throw failed.failure(backend);
        }
    }

    private Token request() throws BackendFailure {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (!grant.scopes().isEmpty()) {
            form.put("scope", String.join(" ", grant.scopes()));
        }
        if (grant.audience() != null) {
            form.put("audience", grant.audience());
        }
        String basic = Base64.getEncoder().encodeToString((encode(grant.clientId()) + ":"
                + encode(grant.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(grant.tokenUrl())
                .timeout(TOKEN_REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"))))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = BoundedExchange.send(http, request, BoundedExchange.bytesUpTo(MAX_ANSWER_BYTES),
                    TOKEN_REQUEST_TIMEOUT);
        } catch (IOException e) {
            throw failure("the token endpoint did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while asking for a token");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            String error = body.path("error").asString("");
            // an error code of OAuth's (invalid_client, ...) is said; any other text of the endpoint's is logged only
            String code = ERROR_CODE.matcher(error).matches() ? " " + error : "";
            throw failure("the token endpoint answered HTTP " + response.statusCode() + code,
                    code.isEmpty() && !error.isEmpty() ? "(error '" + Echoed.oneLine(error, 200) + "')" : null);
        }
        String accessToken = body.path("access_token").asString("");
        String type = body.path("token_type").asString("Bearer");
        if (accessToken.isEmpty() || !type.equalsIgnoreCase("Bearer")) {
            throw failure("the token endpoint answered without a bearer access_token");
        }
        if (!accessToken.chars().allMatch(c -> c > ' ' && c < 0x7f)) { // an HTTP header could not carry it
            throw failure("the token endpoint answered an access_token with spaces, control characters or characters"
                    + " beyond ASCII");
        }
        long lifetime = body.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
        Instant now = clock.instant();
        log.info("Got an access token for backend '{}' from {} valid for {} s", backend, shownTokenUrl, lifetime);
        Duration lives = Duration.ofSeconds(Math.max(0, lifetime));
        return new Token("Bearer " + accessToken, now.plus(renewAfter(lives)), now.plus(lives));
    }

    /**
     * When to renew: 30 s before expiry, or a tenth of the lifetime before it for tokens that live under 5 minutes,
     * so no call carries a token that expires on its way.
     */
    static Duration renewAfter(Duration lifetime) {
        Duration early = lifetime.dividedBy(10).compareTo(Duration.ofSeconds(30)) < 0
                ? lifetime.dividedBy(10) : Duration.ofSeconds(30);
        return lifetime.minus(early);
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node == null ? mapper.createObjectNode() : node;
        } catch (JacksonException e) {
            return mapper.createObjectNode();
        }
    }

    private BackendFailure failure(String why) {
        return failure(why, null);
    }

    /**
     * A failure said wherever failures are (the public {@code /health} among them): without the endpoint's address
     * and, in {@code logDetail}, what it answered beyond an error code, which the log alone gets.
     */
    private BackendFailure failure(String why, String logDetail) {
        long held = failureLines.admit(); // each call, probe and retry meets the outage: a line each filled the log
        if (held != RepeatLimiter.HOLD) {
            log.warn("Cannot get an access token for backend '{}' from {}: {}{}{}", backend, shownTokenUrl, why,
                    logDetail == null ? "" : " " + logDetail, RepeatLimiter.heldBack(held));
        } else {
            log.debug("Cannot get an access token for backend '{}': {}", backend, why);
        }
        return BackendFailure.withLogDetail(BackendFailure.Kind.UNAVAILABLE, backend, "backend '" + backend
                + "': no access token: " + why, logDetail);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
