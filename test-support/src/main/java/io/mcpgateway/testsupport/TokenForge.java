package io.mcpgateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Makes JWTs for authentication tests: RS256 tokens with any claims and headers, signed by a key the verifier trusts,
 * and the classic attack tokens a verifier must refuse. Start a {@link Token} with {@link #token()} (no claims),
 * {@link #accessToken} or {@link #idToken} (Cognito's shapes), change what the test is about, then finish it with
 * one of its terminal methods.
 */
public final class TokenForge {

    private final RSAKey key;
    private final Clock clock;

    /**
     * @param key the RSA key the verifier trusts (its JWKS holds the public part), with its private part and a kid
     */
    public TokenForge(RSAKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!key.isPrivate() || key.getKeyID() == null) {
            throw new IllegalArgumentException("key must have its private part and a kid");
        }
    }

    /** A new 2048-bit RS256 signing key with a random kid, for tests that publish their own JWKS. */
    public static RSAKey newSigningKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The JWK Set document a verifier would fetch for {@code keys} (public parts only), as JSON. */
    public static String publicJwkSetJson(RSAKey... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** A token with no claims, headed {@code kid} of the forge's key. */
    public Token token() {
        return new Token();
    }

    /** Claims of a Cognito access token (client credentials) valid for an hour from now; no {@code aud}. */
    public Token accessToken(String issuer, String clientId, String scope) {
        Instant now = clock.instant();
        return new Token().subject(clientId).tokenUse("access").scope(scope).claim("auth_time", now.getEpochSecond())
                .issuer(issuer).expiresAt(now.plus(Duration.ofHours(1))).issuedAt(now).claim("version", 2)
                .claim("jti", UUID.randomUUID().toString()).clientId(clientId);
    }

    /** Claims of a Cognito ID token valid for an hour from now: {@code aud} is the app client id. */
    public Token idToken(String issuer, String clientId, String subject) {
        Instant now = clock.instant();
        return new Token().subject(subject).audience(clientId).tokenUse("id").claim("auth_time", now.getEpochSecond())
                .issuer(issuer).expiresAt(now.plus(Duration.ofHours(1))).issuedAt(now)
                .claim("jti", UUID.randomUUID().toString());
    }

    /** One token being forged: claims and header parameters, then a terminal method that serializes it. */
    public final class Token {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final Map<String, Object> header = new LinkedHashMap<>(Map.of("kid", key.getKeyID()));

        private Token() {
        }

        public Token issuer(String issuer) {
            return claim("iss", issuer);
        }

        public Token subject(String subject) {
            return claim("sub", subject);
        }

        /** One audience is written as a string, several as an array. */
        public Token audience(String... audiences) {
            return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
        }

        public Token clientId(String clientId) {
            return claim("client_id", clientId);
        }

        public Token tokenUse(String tokenUse) {
            return claim("token_use", tokenUse);
        }

        /** Space-separated scopes, as Cognito writes them. */
        public Token scope(String scope) {
            return claim("scope", scope);
        }

        public Token groups(String... groups) {
            return claim("cognito:groups", List.of(groups));
        }

        public Token expiresAt(Instant expiry) {
            return claim("exp", expiry.getEpochSecond());
        }

        public Token notBefore(Instant notBefore) {
            return claim("nbf", notBefore.getEpochSecond());
        }

        public Token issuedAt(Instant issuedAt) {
            return claim("iat", issuedAt.getEpochSecond());
        }

        /** Sets any claim; {@code null} removes it. */
        public Token claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** Overrides the {@code kid} header (the forge's key's by default); {@code null} removes it. */
        public Token keyId(String kid) {
            return header("kid", kid);
        }

        /** Sets any header parameter but {@code alg}, which the terminal method decides; {@code null} removes it. */
        public Token header(String name, Object value) {
            if (name.equals("alg")) {
                throw new IllegalArgumentException("alg is set by the terminal method (signed, unsigned...)");
            }
            if (value == null) {
                header.remove(name);
            } else {
                header.put(name, value);
            }
            return this;
        }

        /** RS256, signed by the forge's key: a token the verifier should accept if its claims are right. */
        public String signed() {
            return sign(JWSAlgorithm.RS256, header, rsaSigner(key));
        }

        /** Attack: {@code alg: none} and an empty signature (RFC 7519 §6, "unsecured JWT"). */
        public String unsigned() {
            try {
                return new PlainJWT(PlainHeader.parse(withAlg("none", header)), claimsSet()).serialize();
            } catch (ParseException e) {
                throw new IllegalArgumentException("header parameters do not form a JOSE header: " + header, e);
            }
        }

        /**
         * Attack: algorithm confusion. HS256 keyed with the trusted RSA public key's PEM text, which a verifier that
         * lets the token choose the algorithm would check with the public key it holds.
         */
        public String hmacWithPublicKey() {
            try {
                byte[] secret = publicKeyPem().getBytes(StandardCharsets.US_ASCII);
                return sign(JWSAlgorithm.HS256, header, new MACSigner(secret));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot make an HMAC signer", e);
            }
        }

        /** Attack: signed by another RSA key, headed with the trusted key's {@code kid}. */
        public String signedWithWrongKey() {
            return sign(JWSAlgorithm.RS256, header, rsaSigner(newSigningKey()));
        }

        /** Signed by the trusted key but headed with a {@code kid} no JWKS holds. */
        public String signedWithUnknownKid() {
            Map<String, Object> unknown = new LinkedHashMap<>(header);
            unknown.put("kid", "unknown-" + UUID.randomUUID());
            return sign(JWSAlgorithm.RS256, unknown, rsaSigner(key));
        }

        /** Malformed: the signed token without its signature segment ({@code header.payload}). */
        public String twoSegments() {
            String signed = signed();
            return signed.substring(0, signed.lastIndexOf('.'));
        }

        /** Malformed: three segments, the payload not base64url at all. */
        public String garbageBase64() {
            String[] parts = signed().split("\\.");
            return parts[0] + ".%%not*base64url!!." + parts[2];
        }

        private String sign(JWSAlgorithm alg, Map<String, Object> headerParameters, JWSSigner signer) {
            try {
                SignedJWT jwt = new SignedJWT(JWSHeader.parse(withAlg(alg.getName(), headerParameters)), claimsSet());
                jwt.sign(signer);
                return jwt.serialize();
            } catch (ParseException e) {
                throw new IllegalArgumentException("header parameters do not form a JWS header: " + headerParameters,
                        e);
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign with " + alg, e);
            }
        }

        /** Values are written as given, so a test can also forge claims of the wrong type ({@code "exp": "soon"}). */
        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach(builder::claim);
            return builder.build();
        }
    }

    private static Map<String, Object> withAlg(String alg, Map<String, Object> header) {
        Map<String, Object> complete = new LinkedHashMap<>();
        complete.put("alg", alg);
        complete.putAll(header);
        return complete;
    }

    private static JWSSigner rsaSigner(RSAKey signingKey) {
        try {
            return new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + signingKey.getKeyID(), e);
        }
    }

    private String publicKeyPem() throws JOSEException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toRSAPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }
}
