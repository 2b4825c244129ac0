package io.mcpgateway.devidp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs access tokens shaped like those of an Amazon Cognito user pool for the client credentials grant: RS256 with a
 * {@code kid}, claims {@code sub} (the client id), {@code token_use: access}, {@code scope}, {@code auth_time},
 * {@code iss}, {@code exp}, {@code iat}, {@code version: 2}, {@code jti} and {@code client_id}, and no {@code aud}.
 */
final class AccessTokenIssuer {

    private final SigningKeys keys;
    private final Clock clock;

    AccessTokenIssuer(SigningKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A signed access token.
     *
     * @param scopes the granted scopes; none leaves the {@code scope} claim out
     * @throws IllegalArgumentException when an argument could not appear in a real token
     */
    String issue(String issuer, String clientId, List<String> scopes, Duration lifetime) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank but was '" + clientId + "'");
        }
        List<String> checkedScopes = ScopePolicy.requireScopeTokens("scopes", scopes);
        DevIdpConfig.requireTokenLifetime("lifetime", lifetime);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // Claims in Cognito's order, which makes a decoded token easy to compare with a real one.
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(clientId)
                .claim("token_use", "access");
        if (!checkedScopes.isEmpty()) {
            claims.claim("scope", String.join(" ", checkedScopes));
        }
        claims.claim("auth_time", now.getEpochSecond())
                .issuer(issuer)
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                .claim("version", 2)
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId);
        return sign(claims.build(), keys.current());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
        return jwt.serialize();
    }
}
