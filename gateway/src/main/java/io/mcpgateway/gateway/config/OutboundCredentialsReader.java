package io.mcpgateway.gateway.config;

import java.util.List;
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
                yield OutboundCredentials.StaticHeader.bearer(secret(auth, "token"));
            }
            case "api_key" -> {
                auth.onlyKeys(Set.of("type", "header", "key", "key_env"));
                String header = auth.string("header", "X-API-Key");
                if (!header.matches("[A-Za-z0-9-]+")) {
                    throw new ConfigException(auth.name("header") + " must be an HTTP header name but was '" + header
                            + "'");
                }
                yield OutboundCredentials.StaticHeader.apiKey(header, secret(auth, "key"));
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
