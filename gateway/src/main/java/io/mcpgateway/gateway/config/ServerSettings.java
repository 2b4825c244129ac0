package io.mcpgateway.gateway.config;

/**
 * Where the gateway listens and how much it accepts.
 *
 * @param maxRequestBytes the largest request body; larger ones get 413
 */
public record ServerSettings(String host, int port, int maxRequestBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 2 MiB: a recommend call with 1000 full restaurant objects is about 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;
}
