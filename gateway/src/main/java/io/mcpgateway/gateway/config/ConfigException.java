package io.mcpgateway.gateway.config;

/**
 * A configuration that cannot be used; the message names the setting and the bad value, without the user information
 * of a URL in it (a password): the message reaches terminals, start-up logs and answers.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(ShownProblems.withoutUserInfo(message), null, false, false);
    }
}
