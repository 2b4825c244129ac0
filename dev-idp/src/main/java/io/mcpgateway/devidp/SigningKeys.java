package io.mcpgateway.devidp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The issuer's RSA signing keys: the newest signs, and every key ever used stays published, so a rotation never
 * invalidates a token already issued.
 */
final class SigningKeys {

    static final int KEY_SIZE_BITS = 2048;

    /** The newest key first. */
    private final AtomicReference<List<RSAKey>> keys = new AtomicReference<>(List.of(generate()));

    /** The key new tokens are signed with (private parts included). */
    RSAKey current() {
        return keys.get().getFirst();
    }

    /** Generates a new signing key and publishes it beside the old ones; returns it. */
    RSAKey rotate() {
        RSAKey fresh = generate();
        keys.updateAndGet(old -> {
            List<RSAKey> updated = new ArrayList<>(old.size() + 1);
            updated.add(fresh);
            updated.addAll(old);
            return List.copyOf(updated);
        });
        return fresh;
    }

    /** The JWK Set document (RFC 7517 §5) of every key, public parts only. */
    Map<String, Object> publicJwkSet() {
        return new JWKSet(List.copyOf(keys.get())).toPublicJWKSet().toJSONObject(true);
    }

    private static RSAKey generate() {
        try {
            // The kid is the RFC 7638 thumbprint: unique per key and stable, as Cognito's kids are.
            return new RSAKeyGenerator(KEY_SIZE_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }
}
