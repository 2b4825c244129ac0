package io.mcpgateway.app.diagnostics;

import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;

import io.mcpgateway.gateway.auth.IssuerKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an OIDC issuer the way the gateway uses it: its discovery document must name exactly the configured issuer
 * and a {@code jwks_uri}, and that key set must hold at least one RSA key usable for RS256 signatures.
 */
public final class IssuerChecks {

    public static final String DISCOVERY = "OIDC discovery";
    public static final String JWKS = "JWKS";

    private final HttpProbe probe;
    private final JsonMapper mapper;

    public IssuerChecks(HttpProbe probe, JsonMapper mapper) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** What discovery found: the check, and the key set's URL when it names one. */
    public record Discovery(Check check, URI jwksUri) {
    }

    public static URI discoveryUri(String issuer) {
        return IssuerKeys.discoveryUri(issuer); // where the gateway reads it
    }

    public Discovery discover(String issuer) {
        URI uri = discoveryUri(issuer);
        ProbeResult result = probe.get(uri);
        if (!result.ok()) {
            return new Discovery(Check.fail(DISCOVERY, "cannot read " + uri + ": " + result.problem(mapper)), null);
        }
        JsonNode document = result.json(mapper);
        if (document == null || !document.isObject()) {
            return new Discovery(Check.fail(DISCOVERY, uri + " answered HTTP " + result.status()
                    + " but not with a JSON discovery document"), null);
        }
        String named = document.path("issuer").asString("");
        if (!issuer.equals(named)) {
            // The gateway refuses keys from a document that names another issuer: tokens would all fail.
            return new Discovery(Check.fail(DISCOVERY, uri + " names issuer '" + named + "', not '" + issuer
                    + "': check the configured issuer (scheme, host, trailing path)"), null);
        }
        String jwks = document.path("jwks_uri").asString("");
        if (!jwks.startsWith("http://") && !jwks.startsWith("https://")) {
            return new Discovery(Check.fail(DISCOVERY, uri + " has no usable jwks_uri (was '" + jwks + "')"), null);
        }
        return new Discovery(Check.pass(DISCOVERY, "issuer " + named + " matches; jwks_uri " + jwks + " ("
                + LatencySummary.format(result.millis()) + " ms)"), URI.create(jwks));
    }

    public Check keys(URI jwksUri) {
        ProbeResult result = probe.get(jwksUri);
        if (!result.ok()) {
            return Check.fail(JWKS, "cannot read " + jwksUri + ": " + result.problem(mapper));
        }
        JWKSet set;
        try {
            set = JWKSet.parse(result.body());
        } catch (ParseException e) {
            return Check.fail(JWKS, jwksUri + " is not a JWK Set: " + e.getMessage());
        }
        List<JWK> usable = set.getKeys().stream().filter(IssuerChecks::verifiesRs256).toList();
        String summary = set.getKeys().size() + (set.getKeys().size() == 1 ? " key" : " keys") + ", " + usable.size()
                + " usable for RS256";
        if (usable.isEmpty()) {
            return Check.fail(JWKS, summary + ": no token can be verified with " + jwksUri);
        }
        return Check.pass(JWKS, summary + " (kid " + String.join(", ", usable.stream().map(k -> String.valueOf(
                k.getKeyID())).toList()) + ")");
    }

    /** An RSA key not reserved for encryption and not bound to another algorithm. */
    public static boolean verifiesRs256(JWK key) {
        return KeyType.RSA.equals(key.getKeyType())
                && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                && (key.getAlgorithm() == null || JWSAlgorithm.RS256.equals(key.getAlgorithm()));
    }
}
