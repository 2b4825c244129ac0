package io.mcpgateway.gateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Parsing of the plain-text values environment variables carry, and checks shared by several sections. */
final class ConfigValues {

    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private ConfigValues() {
    }

    /** {@code "a, b,,c"} → {@code [a, b, c]}. */
    static List<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Scopes as OAuth writes them (RFC 6749 3.3: printable ASCII without spaces, quotes or backslashes): a token's
     * scope claim is split at spaces, so a scope with one inside could never be granted.
     */
    static List<String> scopes(String setting, List<String> scopes) {
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new ConfigException(setting + ": '" + scope + "' is not one scope (no spaces, quotes or"
                        + " backslashes: a token's scopes are separated by spaces); list each scope on its own");
            }
        }
        return scopes;
    }
}
