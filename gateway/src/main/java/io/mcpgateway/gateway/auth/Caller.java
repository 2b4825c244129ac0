package io.mcpgateway.gateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who made an authenticated request, from the verified token. The token itself is never kept or forwarded.
 *
 * @param subject the token's {@code sub}
 * @param clientId the OAuth client the token was issued to ({@code client_id}, else {@code azp}, else the audience)
 * @param username {@code username} or {@code cognito:username}, else the subject
 * @param scopes the token's scopes ({@code scope} or {@code scp})
 * @param groups Cognito groups ({@code cognito:groups})
 * @param tokenUse {@code access}, {@code id}, or empty for tokens without the claim
 * @param audiences the token's {@code aud} (none in Cognito access tokens)
 * @param email the token's {@code email}, null without one
 */
public record Caller(String subject, String clientId, String username, Set<String> scopes, Set<String> groups,
        String tokenUse, Instant expiresAt, List<String> audiences, String email) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
        groups = Set.copyOf(groups);
        audiences = List.copyOf(audiences);
    }

    /** Without audiences or email, for callers made by hand. */
    public Caller(String subject, String clientId, String username, Set<String> scopes, Set<String> groups,
            String tokenUse, Instant expiresAt) {
        this(subject, clientId, username, scopes, groups, tokenUse, expiresAt, List.of(), null);
    }

    /** Whether the caller holds {@code permission} as a scope or as a group. */
    public boolean holds(String permission) {
        return scopes.contains(permission) || groups.contains(permission);
    }

    /** The identity rate limits and metrics count by: the subject. */
    public String id() {
        return subject;
    }
}
