package io.mcpgateway.devidp;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies access tokens the way a resource server does: RS256 only, keys from the issuer's real JWKS URL (cached,
 * refreshed on an unknown kid), {@code iss} and {@code token_use} checked, the Cognito claims required.
 */
final class JwksVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwksVerifier(DevIdentityProvider idp) {
        try {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.create(URI.create(idp.jwksUri()).toURL()).build()));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(idp.jwksUri(), e);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(idp.issuer()).claim("token_use", "access").build(),
                Set.of("sub", "client_id", "scope", "exp", "iat", "jti")));
    }

    /** The verified claims; throws when the token does not verify. */
    JWTClaimsSet verify(String token) throws ParseException, BadJOSEException, JOSEException {
        return processor.process(token, null);
    }
}
