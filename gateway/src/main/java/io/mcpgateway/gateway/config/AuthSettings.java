package io.mcpgateway.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How bearer tokens are validated.
 *
 * @param issuer the exact {@code iss} accepted; discovery is read from {@code issuer/.well-known/openid-configuration}
 * @param jwksUri the key set, when it should not be taken from discovery
 * @param clientIds the audiences (ID tokens' {@code aud}) and client ids (access tokens' {@code client_id}) accepted
 * @param tokenUses which Cognito {@code token_use} values are accepted ({@code access}, {@code id}); a token without
 *     the claim (a generic OIDC provider) is accepted when its {@code aud} or {@code client_id} matches
 * @param leeway clock skew tolerated on {@code exp} and {@code nbf}
 * @param jwksCacheTtl how long fetched keys are trusted before being fetched again
 * @param jwksRefreshMinInterval the shortest interval between key set fetches caused by unknown key ids
 * @param adminScopes the scopes (or Cognito groups) a caller needs to reload the configuration or read it again
 *     ({@code POST /config/reload}, {@code GET /config/validate/all}); empty lets any authenticated caller, as the
 *     original gateway did (a production warning says so)
 */
public record AuthSettings(String issuer, URI jwksUri, List<String> clientIds, Set<String> tokenUses, Duration leeway,
        Duration jwksCacheTtl, Duration jwksRefreshMinInterval, List<String> adminScopes) {

    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_JWKS_REFRESH_MIN_INTERVAL = Duration.ofSeconds(30);
    public static final Set<String> DEFAULT_TOKEN_USES = Set.of("access", "id");
    /**
     * None, for the original's contract (any authenticated caller); a deployment names its operators' Cognito group
     * or scope, such as {@code gateway-admin}.
     */
    public static final List<String> DEFAULT_ADMIN_SCOPES = List.of();

    public AuthSettings {
        clientIds = List.copyOf(clientIds);
        tokenUses = Set.copyOf(tokenUses);
        adminScopes = List.copyOf(adminScopes);
    }
}
