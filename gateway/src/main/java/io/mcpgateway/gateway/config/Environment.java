package io.mcpgateway.gateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What kind of deployment the gateway runs in ({@code environment} or {@code ENVIRONMENT}, the original's four names).
 * It changes no behaviour: it decides which warnings {@code /config/validate} gives, since what is normal on a laptop
 * (debug logs, an issuer over plain HTTP) is a mistake in production.
 */
public enum Environment {
    DEVELOPMENT, STAGING, PRODUCTION, TEST;

    public static final Environment DEFAULT = DEVELOPMENT;

    /** The name as configured and shown: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Environment::label).toList();
    }

    /** Reads a name in any case. */
    static Environment parse(String setting, String value) {
        for (Environment environment : values()) {
            if (environment.label().equalsIgnoreCase(value.strip())) {
                return environment;
            }
        }
        throw new ConfigException(setting + " must be one of " + labels() + " but was '" + value + "'");
    }
}
