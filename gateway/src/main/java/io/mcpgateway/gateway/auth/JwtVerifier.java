package io.mcpgateway.gateway.auth;

import static io.mcpgateway.gateway.auth.AudienceRule.audiences;
import static io.mcpgateway.gateway.auth.AudienceRule.text;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.mcpgateway.gateway.config.AuthSettings;

/**
 * Verifies bearer JWTs fully: RS256 only (no {@code none}, no HMAC, so no algorithm confusion), a key id the issuer
 * publishes, the signature, the exact issuer, expiry and not-before with the configured leeway, and the audience:
 * Cognito ID tokens by {@code aud}, Cognito access tokens by {@code client_id} (they have no {@code aud}), other
 * providers' tokens by either. Each failure names its reason.
 */
public final class JwtVerifier {

    /** Key ids, algorithms and token types echoed in answers: real ones are short and plain. */
    private static final Pattern ECHOABLE = Pattern.compile("[A-Za-z0-9._+/=-]{1,64}");
    /**
     * Issuers, audiences, client ids and token uses echoed in answers (also in WWW-Authenticate, whose
     * error_description RFC 6750 §3 limits to printable ASCII): printable ASCII but quotes and backslashes, bounded.
     */
    private static final Pattern ECHOABLE_CLAIM = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]{1,200}");
    /** How many of a refused token's audiences its refusal names. */
    private static final int SHOWN_AUDIENCES = 5;
    /**
     * The token types accepted, in lower case (RFC 7515 compares media types without case): plain JWTs (ID tokens,
     * Cognito's access tokens) and access tokens of RFC 9068. Others (logout tokens, DPoP proofs, ...) are tokens
     * for other purposes, signed by the same keys.
     */
    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/jwt",
            "application/at+jwt");
    /** 9999-12-31T23:59:59Z in seconds: the latest time a token's exp, nbf or iat may name. */
    private static final double LATEST_TIME = 253_402_300_799d;

    private final AuthSettings settings;
    private final List<String> acceptedAudiences;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final VerifiedTokens verified;
    /** Whether the issuer still publishes a key id (one predicate, not one per request). */
    private final Predicate<String> published;
    private final Clock clock;

    /** @param keys the issuer's key set, cached and refreshed on unknown key ids (rate-limited) */
    /** A verifier accepting no audience but the client ids. */
    public JwtVerifier(AuthSettings settings, IssuerKeys keys, Clock clock) {
        this(settings, null, keys, clock);
    }

    /**
     * @param resourceUrl the gateway's own public URL of {@code /mcp} ({@code mcp.resource_url}), accepted as an
     *     audience besides the client ids ({@link AudienceRule#acceptedAudiences}); null when unset (a URL taken from
     *     each request's Host is never one)
     */
    public JwtVerifier(AuthSettings settings, String resourceUrl, IssuerKeys keys, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.acceptedAudiences = AudienceRule.acceptedAudiences(settings.clientIds(), resourceUrl);
        this.published = Objects.requireNonNull(keys, "keys")::publishes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = new VerifiedTokens(settings.leeway(), clock);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Claims are checked below, with precise reasons and the configured leeway; the type too (checkType): the
        // processor's own check accepts JWT only, and refused RFC 9068 access tokens (at+jwt) as if the key were
        // unknown.
        processor.setJWTClaimsSetVerifier(null);
        processor.setJWSTypeVerifier((type, context) -> { });
    }

    /**
     * @throws TokenRejectedException when the token is not acceptable
     * @throws KeySourceException when the issuer's keys cannot be fetched (the caller is not at fault)
     */
    public Caller verify(String token) throws TokenRejectedException, KeySourceException {
        Optional<Caller> known = verified.find(token, published);
        if (known.isPresent()) {
            return known.get();
        }
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw unsupportedAlgorithm(jwt);
        }
        checkType(jwt);
        Set<String> critical = jwt.getHeader().getCriticalParams();
        if (critical != null && !critical.isEmpty()) {
            // RFC 7515 §4.1.11: a token naming extensions it must be read with is refused by those who lack them
            // (the signature check refused it too, so it was reported as a bad signature)
            throw new TokenRejectedException(AuthFailure.UNSUPPORTED_CRITICAL, null);
        }
        if (jwt.getHeader().getKeyID() == null) {
            throw new TokenRejectedException(AuthFailure.MISSING_KEY_ID, null);
        }
        String issuer = unverifiedIssuer(jwt);
        if (!settings.issuer().equals(issuer)) {
            // another issuer's token: said so (its key is unknown here, so it was "unknown key"), and its kid never
            // makes the gateway fetch its own issuer's keys again; a verified token's issuer is checked again below
            throw wrongIssuer(issuer);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (RateLimitReachedException e) {
            // A refresh for this unknown kid was refused because one just happened, and succeeded: the key is simply
            // unknown (IssuerKeys makes it a KeySourceException when the last fetch failed).
            throw unknownKey(jwt);
        } catch (KeySourceException e) {
            throw e;
        } catch (BadJWSException e) {
            throw new TokenRejectedException(AuthFailure.BAD_SIGNATURE, null);
        } catch (BadJOSEException e) {
            // The key selector found no RS256 key with this kid, even after a (rate-limited) refresh.
            throw unknownKey(jwt);
        } catch (JOSEException e) {
            throw new TokenRejectedException(AuthFailure.BAD_SIGNATURE, null);
        }
        Caller caller;
        try {
            caller = checkClaims(claims);
        } catch (TokenRejectedException e) {
            String client = text(claims, "client_id");
            throw claims.getSubject() == null ? e
                    : e.heldBy(claims.getSubject(), client != null ? client : text(claims, "azp"));
        }
        verified.remember(token, caller, jwt.getHeader().getKeyID());
        return caller;
    }

    /**
     * Names the token's issuer beside the one expected: a trailing slash or another user pool is the usual mistake,
     * and the caller could not tell which from "expected ..." alone.
     */
    private TokenRejectedException wrongIssuer(String issuer) {
        String got = issuer == null ? "it has no iss" : "got " + quoted(issuer);
        return new TokenRejectedException(AuthFailure.WRONG_ISSUER, "expected " + settings.issuer() + ", " + got);
    }

    /** The algorithm is echoed (also in WWW-Authenticate) when it looks like one: the header is the caller's text. */
    private static TokenRejectedException unsupportedAlgorithm(JWT jwt) {
        String alg = String.valueOf(jwt.getHeader().getAlgorithm());
        return new TokenRejectedException(AuthFailure.UNSUPPORTED_ALGORITHM,
                ECHOABLE.matcher(alg).matches() ? "got " + alg : "got another");
    }

    /** The {@code iss} the token names, not yet verified: for refusing another issuer's token early only. */
    private static String unverifiedIssuer(SignedJWT jwt) throws TokenRejectedException {
        try {
            return jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new TokenRejectedException(AuthFailure.MALFORMED, null);
        }
    }

    private static SignedJWT parse(String token) throws TokenRejectedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
            if (jwt instanceof JOSEObject jose && jose.getPayload() != null) { // null: encrypted, refused below
                checkRegisteredClaims(jose.getPayload().toJSONObject()); // before the claims set reads them
            }
            jwt.getJWTClaimsSet(); // the payload is parsed lazily; a garbage payload is malformed, not a key problem
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws NullPointerException on some headers it cannot read ("null" as the header, a JWE header
            // with "enc": null): such a token is malformed, not a failure of the gateway (no 500, no stack trace)
            throw new TokenRejectedException(AuthFailure.MALFORMED, null);
        }
        if (jwt instanceof SignedJWT signed) {
            if (!hasCanonicalParts(signed)) {
                throw new TokenRejectedException(AuthFailure.MALFORMED, null);
            }
            return signed;
        }
        throw unsupportedAlgorithm(jwt);
    }

    /**
     * Whether each part is spelt the one canonical base64url way. Decoders ignore the unused low bits of the last
     * character, so "...OeA" and "...OeB" would both pass as the same token: the canonical one only is accepted.
     */
    public static boolean hasCanonicalParts(SignedJWT jwt) {
        for (Base64URL part : jwt.getParsedParts()) {
            if (!Base64URL.encode(part.decode()).toString().equals(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static void checkType(SignedJWT jwt) throws TokenRejectedException {
        JOSEObjectType type = jwt.getHeader().getType();
        if (type != null && !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            String shown = type.getType();
            throw new TokenRejectedException(AuthFailure.UNSUPPORTED_TYPE,
                    ECHOABLE.matcher(shown).matches() ? "got " + shown : null);
        }
    }

    /** The kid is echoed (also in WWW-Authenticate, printable ASCII only) when it looks like one. */
    private static TokenRejectedException unknownKey(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        return new TokenRejectedException(AuthFailure.UNKNOWN_KEY,
                kid != null && ECHOABLE.matcher(kid).matches() ? "kid '" + kid + "'" : "its kid");
    }

    /**
     * Refuses an {@code exp}, {@code nbf} or {@code iat} that is not a time from 1970 to the year 9999: the claims set
     * turns seconds into milliseconds in a long, so {@code exp: 1e20} wrapped round to a time long past ("expired")
     * and {@code nbf: 1e20}, a token never valid, to one already passed; a string was only "not well-formed". Also
     * refuses a {@code sub} that is not a string.
     */
    private static void checkRegisteredClaims(Map<String, Object> payload) throws TokenRejectedException {
        if (payload == null) {
            return; // not a JSON object: the claims set refuses it
        }
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = payload.get(name);
            if (value != null && !(value instanceof Number seconds && seconds.doubleValue() >= 0
                    && seconds.doubleValue() <= LATEST_TIME)) {
                throw new TokenRejectedException(AuthFailure.MALFORMED, "its " + name + " is not a time (seconds"
                        + " since 1970, up to the year 9999)");
            }
        }
        if (payload.get("sub") != null && !(payload.get("sub") instanceof String)) {
            // the claims set would read a number as its text, naming a caller the issuer never named
            throw new TokenRejectedException(AuthFailure.MALFORMED, "its sub is not a string");
        }
    }

    private Caller checkClaims(JWTClaimsSet claims) throws TokenRejectedException {
        Instant now = clock.instant();
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw wrongIssuer(claims.getIssuer());
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejectedException(AuthFailure.MISSING_EXPIRY, null);
        }
        if (!now.minus(settings.leeway()).isBefore(exp.toInstant())) {
            throw new TokenRejectedException(AuthFailure.EXPIRED, null);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(settings.leeway()).isBefore(nbf.toInstant())) {
            throw new TokenRejectedException(AuthFailure.NOT_YET_VALID, null);
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.plus(settings.leeway()).isBefore(iat.toInstant())) {
            throw new TokenRejectedException(AuthFailure.NOT_YET_VALID, "it was issued in the future");
        }
        String tokenUse = text(claims, "token_use");
        String clientId = text(claims, "client_id");
        checkAudience(claims, tokenUse);
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new TokenRejectedException(AuthFailure.MISSING_SUBJECT, null);
        }
        String username = firstText(claims, "username", "cognito:username");
        return new Caller(claims.getSubject(), clientId != null ? clientId : acceptedAudienceOrAzp(claims),
                username != null ? username : claims.getSubject(), scopes(claims), set(claims, "cognito:groups"),
                tokenUse == null ? "" : tokenUse, exp.toInstant(), audiences(claims), text(claims, "email"));
    }

    private void checkAudience(JWTClaimsSet claims, String tokenUse) throws TokenRejectedException {
        if (AudienceRule.unreadableTokenUse(claims)) {
            throw new TokenRejectedException(AuthFailure.WRONG_TOKEN_USE, "it is empty or not a string, accepted "
                    + settings.tokenUses());
        }
        if (tokenUse != null && !settings.tokenUses().contains(tokenUse)) {
            throw new TokenRejectedException(AuthFailure.WRONG_TOKEN_USE,
                    "got " + quoted(tokenUse) + ", accepted " + settings.tokenUses());
        }
        switch (AudienceRule.judge(claims, tokenUse, settings.clientIds(), acceptedAudiences)) {
            case CLIENT_ACCEPTED, AUDIENCE_ACCEPTED -> { }
            case CLIENT_NOT_ACCEPTED ->
                throw new TokenRejectedException(AuthFailure.WRONG_CLIENT, "client_id " + shownClientId(claims));
            case AZP_NOT_ACCEPTED -> {
                String azp = text(claims, "azp");
                throw new TokenRejectedException(AuthFailure.WRONG_AUDIENCE,
                        ECHOABLE.matcher(azp).matches() ? "azp '" + azp + "'" : "its azp");
            }
            case ANOTHER_RESOURCE, NO_AUDIENCE_NOR_CLIENT ->
                throw new TokenRejectedException(AuthFailure.WRONG_AUDIENCE, "aud " + shownAudiences(claims));
        }
    }

    /** The token's {@code client_id} as a refusal names it. */
    private static String shownClientId(JWTClaimsSet claims) {
        String clientId = text(claims, "client_id");
        return clientId != null ? quoted(clientId)
                : claims.getClaim("client_id") == null ? "missing" : "empty or not a string";
    }

    /** The token's audiences as a refusal names them: the first few, each as an answer may repeat it. */
    private static String shownAudiences(JWTClaimsSet claims) {
        List<String> audiences = audiences(claims);
        List<String> shown = audiences.stream().limit(SHOWN_AUDIENCES)
                .map(a -> ECHOABLE_CLAIM.matcher(a).matches() ? a : "(another)").toList();
        return shown + (audiences.size() > SHOWN_AUDIENCES ? " and " + (audiences.size() - SHOWN_AUDIENCES) + " more"
                : "");
    }

    /** A claim's text in quotes as an answer may repeat it, or "another" for one it may not (see ECHOABLE_CLAIM). */
    private static String quoted(String claim) {
        return ECHOABLE_CLAIM.matcher(claim).matches() ? "'" + claim + "'" : "another";
    }

    /** The client a token without {@code client_id} was issued to: its accepted audience, else its azp. */
    private String acceptedAudienceOrAzp(JWTClaimsSet claims) {
        List<String> audiences = audiences(claims);
        for (String audience : audiences) {
            if (settings.clientIds().contains(audience)) {
                return audience;
            }
        }
        String azp = text(claims, "azp");
        if (azp != null) {
            return azp;
        }
        return audiences.isEmpty() ? null : audiences.get(0);
    }


    /**
     * {@code scope} and {@code scp}, each a space-separated string (RFC 8693 §4.2; Entra ID's {@code scp}) or a list
     * (Okta's {@code scp}, some providers' {@code scope}).
     */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new HashSet<>();
        for (String claim : List.of("scope", "scp")) {
            set(claims, claim).forEach(value -> scopes.addAll(List.of(value.strip().split("\\s+"))));
        }
        scopes.remove("");
        return scopes;
    }

    private static Set<String> set(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        Set<String> values = new HashSet<>();
        if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        } else if (value instanceof String s) {
            values.add(s);
        }
        return values;
    }

    private static String firstText(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            String value = text(claims, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
