package io.mcpgateway.devidp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Decides which scopes a token request is granted: the requested ones if all are allowed, else the defaults. */
final class ScopePolicy {

    private final List<String> allowed;
    private final List<String> defaults;

    ScopePolicy(List<String> allowed, List<String> defaults) {
        this.allowed = List.copyOf(allowed);
        this.defaults = List.copyOf(defaults);
    }

    /**
     * The scopes to grant for the {@code scope} parameter of a token request.
     *
     * @param requested the parameter as sent, {@code null} when absent (RFC 6749 §3.3: the server then uses its
     *     defaults)
     * @throws OAuthException {@code invalid_scope} when it is malformed or names a scope that is not allowed
     */
    List<String> grant(String requested) {
        if (requested == null) {
            return defaults;
        }
        Set<String> granted = new LinkedHashSet<>();
        // RFC 6749 §3.3: scope = scope-token *( SP scope-token ); one space apart, none leading or trailing.
        for (String token : requested.split(" ", -1)) {
            if (!isScopeToken(token)) {
                throw OAuthException.invalidScope("scope must be scope tokens separated by single spaces");
            }
            if (!allowed.contains(token)) {
                throw OAuthException.invalidScope("scope " + token + " is not allowed; allowed scopes are "
                        + String.join(" ", allowed));
            }
            granted.add(token);
        }
        return List.copyOf(granted);
    }

    /** Checks a configured or programmatic list of scopes, naming {@code setting} in the error. */
    static List<String> requireScopeTokens(String setting, List<String> scopes) {
        Objects.requireNonNull(scopes, setting);
        for (String scope : scopes) {
            if (scope == null || !isScopeToken(scope)) {
                throw new IllegalArgumentException(setting + " must hold RFC 6749 scope tokens (printable ASCII, no "
                        + "space, quote or backslash) but held '" + scope + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    static boolean isScopeToken(String token) {
        return !token.isEmpty() && token.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B)
                || (c >= 0x5D && c <= 0x7E));
    }
}
