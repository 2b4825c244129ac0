package io.mcpgateway.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads {@code backends[].auth}. Secrets are given as the name of an environment variable ({@code token_env},
 * {@code client_secret_env}) so the file holds none; a literal ({@code token}, {@code client_secret}) is accepted for
 * local use, and refused in production, where a file with secrets ends up in repositories and ConfigMaps
 * (REFERENCE-SPEC 7.12).
 */
final class OutboundCredentialsReader {

    static final List<String> TYPES = List.of("none", "bearer", "api_key", "oauth_client_credentials");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * Header fields an API key may not be sent in: those that frame the request or that the gateway sets itself
     * (lower case). A second {@code Content-Length} or {@code Host} would give the backend two framings to choose from.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect", "content-type",
            "content-encoding", "accept", "user-agent", "mcp-session-id", "mcp-protocol-version", "x-request-id",
            "last-event-id");

    private final UnaryOperator<String> env;
    private final Environment environment;

    /** @param env the environment variable of a name, or null when it is unset or blank */
    OutboundCredentialsReader(UnaryOperator<String> env, Environment environment) {
        this.env = env;
        this.environment = environment;
    }

    OutboundCredentials read(SettingsReader auth) {
        if (auth.isEmpty()) {
            return OutboundCredentials.none();
        }
        String type = auth.string("type", null);
        if (type == null || !TYPES.contains(type)) {
            throw new ConfigException(auth.name("type") + " must be one of " + TYPES + " but was " + type);
        }
        return switch (type) {
            case "bearer" -> {
                auth.onlyKeys(Set.of("type", "token", "token_env"));
                yield OutboundCredentials.StaticHeader.bearer(headerSecret(auth, "token"));
            }
            case "api_key" -> {
                auth.onlyKeys(Set.of("type", "header", "key", "key_env"));
                String header = auth.string("header", "X-API-Key");
                if (!header.matches("[A-Za-z0-9-]+")) {
                    throw new ConfigException(auth.name("header") + " must be an HTTP header name but was '" + header
                            + "'");
                }
                if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(auth.name("header") + " must not be " + header + ": the gateway sets"
                            + " that header itself or it frames the request; use the header the backend reads keys"
                            + " from, such as X-API-Key");
                }
                yield OutboundCredentials.StaticHeader.apiKey(header, headerSecret(auth, "key"));
            }
            case "oauth_client_credentials" -> {
                auth.onlyKeys(Set.of("type", "token_url", "client_id", "client_secret", "client_secret_env", "scopes",
                        "audience"));
                String tokenUrl = auth.string("token_url", null);
                String clientId = auth.string("client_id", null);
                if (tokenUrl == null || clientId == null) {
                    throw new ConfigException(auth.path() + ": token_url and client_id are required for "
                            + "oauth_client_credentials");
                }
                yield new OutboundCredentials.ClientCredentials(SettingsReader.httpUrl(auth.name("token_url"),
                        tokenUrl), clientId, secret(auth, "client_secret"), auth.strings("scopes", List.of()),
                        auth.string("audience", null));
            }
            default -> {
                auth.onlyKeys(Set.of("type"));
                yield OutboundCredentials.none();
            }
        };
    }

    /**
     * A secret sent as a header's value: printable ASCII (settings are read without spaces at either end). Checked
     * here, naming the setting, rather than refused by every call to the backend; the value is never repeated.
     */
    private String headerSecret(SettingsReader auth, String key) {
        String value = secret(auth, key);
        String setting = auth.string(key, null) != null ? auth.name(key) : auth.name(key + "_env");
        if (!value.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            throw new ConfigException(setting + ": the secret holds a line break, a tab, another control character"
                    + " or a character beyond ASCII, which an HTTP header cannot carry as it is");
        }
        return value;
    }

    /** {@code key} given literally, or {@code key_env} naming the variable that holds it: exactly one of them. */
    private String secret(SettingsReader auth, String key) {
        String literal = auth.string(key, null);
        String variable = auth.string(key + "_env", null);
        if ((literal == null) == (variable == null)) {
            throw new ConfigException(auth.path() + ": set exactly one of " + key + " and " + key + "_env");
        }
        if (literal != null) {
            if (environment == Environment.PRODUCTION) {
                throw new ConfigException(auth.name(key) + ": a secret written in the configuration file is refused"
                        + " in production: put it in an environment variable and name that in " + key + "_env");
            }
            return requireNonBlank(auth.name(key), literal);
        }
        if (!ENV_NAME.matcher(variable).matches()) {
            // not repeated: a secret pasted here by mistake must not reach a log or an answer
            throw new ConfigException(auth.name(key + "_env") + " must be the name of an environment variable"
                    + " (letters, digits and _), not the secret itself");
        }
        String value = env.apply(variable);
        if (value == null) {
            throw new ConfigException(auth.name(key + "_env") + " names the environment variable " + variable
                    + ", which is not set");
        }
        return value;
    }

    private static String requireNonBlank(String setting, String value) {
        if (value.isBlank()) {
            throw new ConfigException(setting + " must not be blank");
        }
        return value;
    }
}
