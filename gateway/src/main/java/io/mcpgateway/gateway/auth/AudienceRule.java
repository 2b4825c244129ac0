package io.mcpgateway.gateway.auth;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Whether a token is meant for this gateway, by its kind ({@code token_use}): Cognito access tokens by
 * {@code client_id} (they name no audience), ID tokens by {@code aud} and, when present, {@code azp}; tokens without
 * {@code token_use} by {@code aud}, or by {@code client_id} when they name no audience. A token that names audiences
 * must name an accepted one whatever its kind: one meant for another resource (RFC 8707, RFC 9068) is not taken
 * because its client is one of ours. The one rule of the verifier and of {@code validate-token}'s explanation.
 */
public final class AudienceRule {

    /** The rule's verdict on a token. */
    public enum Verdict {
        /** An access token of an accepted client that names no audience, or an accepted one. */
        CLIENT_ACCEPTED,
        /** An accepted audience (an ID token's azp, when present, accepted too). */
        AUDIENCE_ACCEPTED,
        /** An access token whose client_id is missing or not accepted. */
        CLIENT_NOT_ACCEPTED,
        /** Audiences named, none accepted: meant for another resource. */
        ANOTHER_RESOURCE,
        /** An ID token whose azp, the client it was issued to, is not accepted. */
        AZP_NOT_ACCEPTED,
        /** No audience, and a client_id missing or not accepted. */
        NO_AUDIENCE_NOR_CLIENT;

        public boolean accepted() {
            return this == CLIENT_ACCEPTED || this == AUDIENCE_ACCEPTED;
        }
    }

    private AudienceRule() {
    }

    /**
     * The audiences an access token (or one of no {@code token_use}) may name: the client ids, and the gateway's own
     * resource URL ({@code mcp.resource_url}, null when unset), which an authorization server names for a token asked
     * with that resource (RFC 8707), as MCP clients ask. An ID token's audience is a client: the URL is none.
     */
    public static List<String> acceptedAudiences(List<String> clientIds, String resourceUrl) {
        if (resourceUrl == null || clientIds.contains(resourceUrl)) {
            return List.copyOf(clientIds);
        }
        return Stream.concat(clientIds.stream(), Stream.of(resourceUrl)).toList();
    }

    /**
     * The verdict on {@code claims}, of kind {@code tokenUse} (null: none), for the accepted client ids and the
     * accepted audiences ({@link #acceptedAudiences}).
     */
    public static Verdict judge(JWTClaimsSet claims, String tokenUse, Collection<String> clientIds,
            Collection<String> acceptedAudiences) {
        List<String> audiences = audiences(claims);
        boolean audienceMatches = audiences.stream()
                .anyMatch("id".equals(tokenUse) ? clientIds::contains : acceptedAudiences::contains);
        boolean named = !audiences.isEmpty();
        if ("access".equals(tokenUse)) {
            String clientId = text(claims, "client_id");
            if (clientId == null || !clientIds.contains(clientId)) {
                return Verdict.CLIENT_NOT_ACCEPTED;
            }
            return named && !audienceMatches ? Verdict.ANOTHER_RESOURCE : Verdict.CLIENT_ACCEPTED;
        }
        if ("id".equals(tokenUse)) {
            if (!audienceMatches) {
                return Verdict.ANOTHER_RESOURCE;
            }
            String azp = text(claims, "azp"); // the party it was issued to (OpenID Connect Core 3.1.3.7)
            return azp == null || clientIds.contains(azp) ? Verdict.AUDIENCE_ACCEPTED : Verdict.AZP_NOT_ACCEPTED;
        }
        if (named) {
            return audienceMatches ? Verdict.AUDIENCE_ACCEPTED : Verdict.ANOTHER_RESOURCE;
        }
        String clientId = text(claims, "client_id");
        return clientId != null && clientIds.contains(clientId) ? Verdict.CLIENT_ACCEPTED
                : Verdict.NO_AUDIENCE_NOR_CLIENT;
    }

    /** The token's audiences that are names: an array's nulls and blanks left out (a null was a 500 once). */
    public static List<String> audiences(JWTClaimsSet claims) {
        return claims.getAudience().stream().filter(a -> a != null && !a.isBlank()).toList();
    }

    /**
     * Whether {@code claims} carry a {@code token_use} that says nothing usable (5, "", null): refused, not taken for
     * the absent claim of another provider's token.
     */
    public static boolean unreadableTokenUse(JWTClaimsSet claims) {
        return text(claims, "token_use") == null && claims.getClaims().containsKey("token_use");
    }

    /** A claim's value when it is a string with more than blanks; null otherwise. */
    public static String text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
