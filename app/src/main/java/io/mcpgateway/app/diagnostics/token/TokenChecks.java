package io.mcpgateway.app.diagnostics.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.IssuerChecks;
import io.mcpgateway.gateway.auth.AudienceRule;
import io.mcpgateway.gateway.auth.JwtVerifier;
import io.mcpgateway.gateway.config.AuthSettings;

/**
 * Checks a token against the gateway's rules one by one, so an operator sees every problem at once and not only the
 * first (the gateway stops at the first). The rules are {@link io.mcpgateway.gateway.auth.JwtVerifier}'s: RS256 only,
 * a key id the issuer publishes, the signature, the exact issuer, the audience or client id by {@code token_use},
 * {@code exp} and {@code nbf} with the leeway, a subject; plus the scopes a route needs.
 */
final class TokenChecks {

    static final String FORMAT = "format";
    static final String ALGORITHM = "algorithm";
    static final String CRITICAL = "critical header parameters";
    static final String KEY_ID = "key id";
    static final String SIGNATURE = "signature";
    static final String ISSUER = "issuer";
    static final String AUDIENCE = "audience / client id";
    static final String TOKEN_USE = "token_use";
    static final String EXPIRY = "expiry";
    static final String NOT_BEFORE = "not before";
    static final String SUBJECT = "subject";
    static final String SCOPES = "scope";

    private final AuthSettings settings;
    private final List<String> acceptedAudiences;
    private final JWKSource<SecurityContext> keys;
    private final Clock clock;

    /** @param resourceUrl the gateway's {@code mcp.resource_url}, an accepted audience too; null when unset */
    TokenChecks(AuthSettings settings, String resourceUrl, JWKSource<SecurityContext> keys, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.acceptedAudiences = AudienceRule.acceptedAudiences(settings.clientIds(), resourceUrl);
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    List<Check> run(String token, List<String> requiredScopes) {
        List<Check> checks = new ArrayList<>();
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            JWT parsed = JWTParser.parse(token);
            if (parsed instanceof EncryptedJWT) {
                checks.add(Check.fail(FORMAT, "an encrypted JWT (JWE): the gateway needs a signed one (JWS)"));
                return checks;
            }
            claims = parsed.getJWTClaimsSet();
            jwt = parsed instanceof SignedJWT signed ? signed : null;
        } catch (ParseException e) {
            checks.add(Check.fail(FORMAT, "not a well-formed JWT: " + e.getMessage()));
            return checks;
        }
        if (jwt != null && !JwtVerifier.hasCanonicalParts(jwt)) {
            checks.add(Check.fail(FORMAT, "a part is not spelt the one canonical base64url way (the unused bits of"
                    + " its last character are set, as when it was altered): the gateway refuses it as malformed"));
            return checks;
        }
        checks.add(Check.pass(FORMAT, jwt == null ? "an unsigned JWT (alg none)"
                : "a signed JWT: header, claims and signature decode"));
        boolean rs256 = jwt != null && JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm());
        String alg = jwt == null ? "none" : String.valueOf(jwt.getHeader().getAlgorithm());
        checks.add(rs256 ? Check.pass(ALGORITHM, "RS256")
                : Check.fail(ALGORITHM, alg + ": the gateway accepts RS256 only"));
        Set<String> critical = jwt == null || jwt.getHeader().getCriticalParams() == null ? Set.of()
                : jwt.getHeader().getCriticalParams();
        if (!critical.isEmpty()) { // RFC 7515 §4.1.11: extensions the token must be read with, which the gateway lacks
            checks.add(Check.fail(CRITICAL, "crit names " + critical.stream().sorted().toList() + ": the gateway"
                    + " knows no extension, so it refuses every token that names one"));
        }
        RSAKey key = rs256 ? keyCheck(jwt, checks) : skipKey(checks, "not checked: the algorithm is not accepted");
        checks.add(signature(jwt, key, critical));
        checks.add(issuer(claims));
        String tokenUse = text(claims, "token_use");
        checks.add(audience(claims, tokenUse));
        checks.add(tokenUse(claims, tokenUse));
        Instant now = clock.instant();
        checks.add(expiry(claims.getExpirationTime(), now));
        checks.add(notBefore(claims.getNotBeforeTime(), claims.getIssueTime(), now));
        checks.add(claims.getSubject() == null || claims.getSubject().isBlank()
                ? Check.fail(SUBJECT, "no sub claim: the gateway needs a subject to identify the caller")
                : Check.pass(SUBJECT, claims.getSubject()));
        checks.addAll(scopes(claims, requiredScopes));
        return checks;
    }

    private RSAKey keyCheck(SignedJWT jwt, List<Check> checks) {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return skipKey(checks, null);
        }
        List<JWK> published;
        try {
            published = keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        } catch (KeySourceException e) {
            checks.add(Check.fail(KEY_ID, "cannot fetch the issuer's keys: " + e.getMessage()));
            return null;
        }
        // The same selection as the gateway's key selector: RSA, for signatures, RS256 or no algorithm, this kid.
        RSAKey match = published.stream()
                .filter(k -> kid.equals(k.getKeyID()) && IssuerChecks.verifiesRs256(k))
                .map(JWK::toRSAKey).findFirst().orElse(null);
        List<String> kids = published.stream().map(k -> String.valueOf(k.getKeyID())).toList();
        checks.add(match != null
                ? Check.pass(KEY_ID, "'" + kid + "' is published by the issuer (" + kids.size()
                        + (kids.size() == 1 ? " key)" : " keys)"))
                : Check.fail(KEY_ID, "'" + kid + "' is not among the issuer's RS256 signing keys " + kids
                        + ": signed by another issuer, or by a key it no longer publishes"));
        return match;
    }

    /** Records the key id check when there is no key to look up; returns no key. */
    private static RSAKey skipKey(List<Check> checks, String reason) {
        checks.add(reason == null ? Check.fail(KEY_ID, "the header has no kid: the gateway cannot pick a key")
                : Check.skip(KEY_ID, reason));
        return null;
    }

    /** Checked for itself: {@code critical} parameters, refused by a check of their own, do not fail it here. */
    private static Check signature(SignedJWT jwt, RSAKey key, Set<String> critical) {
        if (key == null) {
            return Check.skip(SIGNATURE, "not checked: no published key to check it with");
        }
        try {
            return jwt.verify(new RSASSAVerifier(key.toRSAPublicKey(), critical))
                    ? Check.pass(SIGNATURE, "valid, made with key '" + key.getKeyID() + "'")
                    : Check.fail(SIGNATURE, "invalid: the token was altered, or signed with another key under the"
                            + " same kid");
        } catch (JOSEException e) {
            return Check.fail(SIGNATURE, "cannot be checked: " + e.getMessage());
        }
    }

    private Check issuer(JWTClaimsSet claims) {
        String iss = claims.getIssuer();
        if (settings.issuer().equals(iss)) {
            return Check.pass(ISSUER, iss);
        }
        return Check.fail(ISSUER, (iss == null ? "no iss claim" : "'" + iss + "'") + ", but the gateway trusts '"
                + settings.issuer() + "'");
    }

    /** The gateway's rule ({@link AudienceRule}), each verdict explained. */
    private Check audience(JWTClaimsSet claims, String tokenUse) {
        List<String> audiences = AudienceRule.audiences(claims);
        List<String> accepted = settings.clientIds();
        String clientId = text(claims, "client_id");
        String clientText = "client_id " + (clientId == null ? "missing" : "'" + clientId + "'");
        return switch (AudienceRule.judge(claims, tokenUse, accepted, acceptedAudiences)) {
            case CLIENT_ACCEPTED -> Check.pass(AUDIENCE, clientText + " is accepted");
            case AUDIENCE_ACCEPTED -> Check.pass(AUDIENCE, "aud " + audiences + " is accepted");
            case CLIENT_NOT_ACCEPTED -> Check.fail(AUDIENCE, clientText + " is not among the accepted " + accepted
                    + " (access tokens are matched by client_id)");
            case ANOTHER_RESOURCE -> Check.fail(AUDIENCE, "aud " + audiences + " is not among the accepted "
                    + ("id".equals(tokenUse) ? accepted : acceptedAudiences)
                    + ("id".equals(tokenUse) ? " (ID tokens are matched by aud)" : " (a token that names an audience"
                    + " must name an accepted one: it is meant for another resource)"));
            case AZP_NOT_ACCEPTED -> Check.fail(AUDIENCE, "aud " + audiences + " is accepted, but azp '"
                    + text(claims, "azp") + "', the client it was issued to, is not among the accepted " + accepted);
            case NO_AUDIENCE_NOR_CLIENT -> Check.fail(AUDIENCE, "no aud, and " + clientText
                    + " is not among the accepted " + accepted);
        };
    }

    /** The check of {@code claims}' {@code token_use}, read as {@code tokenUse}: null when absent or unreadable. */
    private Check tokenUse(JWTClaimsSet claims, String tokenUse) {
        if (AudienceRule.unreadableTokenUse(claims)) {
            return Check.fail(TOKEN_USE, "empty or not a string (only a token without the claim is taken for another"
                    + " provider's)");
        }
        if (tokenUse == null) {
            return Check.pass(TOKEN_USE, "absent: a generic OIDC token, matched by aud (by client_id without one)");
        }
        return settings.tokenUses().contains(tokenUse) ? Check.pass(TOKEN_USE, "'" + tokenUse + "' is accepted")
                : Check.fail(TOKEN_USE, "'" + tokenUse + "' is not accepted (accepted: "
                        + String.join(", ", settings.tokenUses().stream().sorted().toList()) + ")");
    }

    private Check expiry(Date exp, Instant now) {
        if (exp == null) {
            return Check.fail(EXPIRY, "no exp claim: the gateway refuses tokens that never expire");
        }
        Instant expires = exp.toInstant();
        String when = expires + " (" + RelativeTime.describe(expires, now) + ")";
        if (now.isBefore(expires)) {
            return Check.pass(EXPIRY, "expires " + when);
        }
        if (now.minus(settings.leeway()).isBefore(expires)) {
            return Check.warn(EXPIRY, "expired " + when + ", still accepted within the leeway of "
                    + settings.leeway().toSeconds() + " s");
        }
        return Check.fail(EXPIRY, "expired " + when + "; leeway " + settings.leeway().toSeconds() + " s");
    }

    /** {@code nbf}, and {@code iat}, which the gateway refuses in the future too (beyond the leeway). */
    private Check notBefore(Date nbf, Date iat, Instant now) {
        if (iat != null && now.plus(settings.leeway()).isBefore(iat.toInstant())) {
            return Check.fail(NOT_BEFORE, "issued at " + iat.toInstant() + " (" + RelativeTime.describe(
                    iat.toInstant(), now) + "), in the future; leeway " + settings.leeway().toSeconds() + " s: check"
                    + " this machine's clock and the issuer's");
        }
        if (nbf == null) {
            return Check.pass(NOT_BEFORE, "no nbf claim");
        }
        Instant from = nbf.toInstant();
        String when = from + " (" + RelativeTime.describe(from, now) + ")";
        if (!now.plus(settings.leeway()).isBefore(from)) {
            return Check.pass(NOT_BEFORE, "valid since " + when);
        }
        return Check.fail(NOT_BEFORE, "not valid until " + when + "; leeway " + settings.leeway().toSeconds()
                + " s: check this machine's clock and the issuer's");
    }

    private static List<Check> scopes(JWTClaimsSet claims, List<String> required) {
        if (required.isEmpty()) {
            return List.of(Check.skip(SCOPES, "none required (pass --scope to check what a route needs)"));
        }
        Set<String> held = grants(claims);
        return required.stream().map(scope -> held.contains(scope)
                ? Check.pass(SCOPES + " " + scope, "granted")
                : Check.fail(SCOPES + " " + scope, "not granted; the token holds " + (held.isEmpty() ? "no scopes"
                        : String.join(", ", held)) + " (the gateway would answer 403)")).toList();
    }

    /** Scopes ({@code scope}, {@code scp}) and Cognito groups: what a route's required scopes are matched against. */
    static Set<String> grants(JWTClaimsSet claims) {
        Set<String> grants = new LinkedHashSet<>();
        String scope = text(claims, "scope");
        if (scope != null) {
            grants.addAll(List.of(scope.strip().split("\\s+")));
        }
        for (String name : List.of("scp", "cognito:groups")) {
            Object value = claims.getClaim(name);
            if (value instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(grants::add);
            } else if (value instanceof String s) {
                grants.add(s);
            }
        }
        grants.remove("");
        return grants;
    }

    private static String text(JWTClaimsSet claims, String name) {
        return AudienceRule.text(claims, name);
    }
}
