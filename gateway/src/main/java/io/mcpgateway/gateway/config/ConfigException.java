package io.mcpgateway.gateway.config;

/** A configuration that cannot be used; the message names the setting and the bad value. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
