package io.mcpgateway.gateway.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a valid configuration should not be in a given environment: settings that start fine but are mistakes where
 * real callers are (debug logs, an issuer over plain HTTP, no rate limits or limits per instance, no public URL for
 * the OAuth metadata), backends configured twice, and timeouts that contradict each other.
 */
public final class EnvironmentWarnings {

    private EnvironmentWarnings() {
    }

    /**
     * The warnings for this process: {@code config} read as {@code environment}, with the log levels in force and
     * {@code LOG_FORMAT} as set.
     */
    public static List<String> ofThisProcess(GatewayConfig config, Environment environment) {
        return of(config, environment, LoggerLevels.mostDetailed(), System.getenv("LOG_FORMAT"));
    }

    /**
     * @param logLevel the most detailed level the gateway's loggers run with (log levels are set at start-up,
     *     outside this file)
     * @param logFormat {@code LOG_FORMAT} as set (null: unset, so text)
     */
    public static List<String> of(GatewayConfig config, Environment environment, String logLevel, String logFormat) {
        List<String> warnings = new ArrayList<>(sharedUrls(config.backends()));
        for (BackendSettings backend : config.backends()) {
            if (backend.totalTimeout().compareTo(backend.requestTimeout()) < 0) {
                warnings.add("Backend '" + backend.name() + "': total_timeout_ms (" + backend.totalTimeout()
                        .toMillis() + ") is shorter than request_timeout_ms (" + backend.requestTimeout().toMillis()
                        + "): every call ends at the total, with no time for a retry");
            }
        }
        boolean production = environment == Environment.PRODUCTION;
        if (production || environment == Environment.STAGING) {
            if (isPlainHttp(config.auth().issuer())) {
                warnings.add("auth.issuer " + config.auth().issuer() + " is plain HTTP: the keys that sign tokens"
                        + " should come over HTTPS in " + environment.label());
            }
            URI keys = config.auth().jwksUri();
            if (keys != null && isPlainHttp(keys.toString())) {
                warnings.add("auth.jwks_uri " + keys + " is plain HTTP: anyone on its path could put in a key of their"
                        + " own and sign any token; the keys should come over HTTPS in " + environment.label());
            }
        }
        if (!production) {
            return warnings;
        }
        if ("DEBUG".equals(logLevel) || "TRACE".equals(logLevel)) {
            warnings.add("The log level is " + logLevel + ": production logs should be INFO or above");
        }
        if (logFormat == null || !logFormat.strip().equalsIgnoreCase("JSON")) {
            warnings.add("Logs are text: production log collectors read one JSON object a line; set LOG_FORMAT=JSON"
                    + " (the container image does)");
        }
        if (!config.rateLimits().anyOn()) {
            warnings.add("rate_limits are off: one caller can take the whole capacity of the gateway");
        } else if (config.rateLimits().redisUrl() == null) {
            warnings.add("rate_limits are counted per instance (no REDIS_URL or rate_limits.redis_url): with several"
                    + " instances behind a load balancer each caller gets the limits once per instance");
        }
        if (config.mcp().resourceUrl() == null) {
            warnings.add("mcp.resource_url is unset: the OAuth metadata of /mcp names the URL each request came to,"
                    + " with the scheme the gateway sees (http:// behind a TLS proxy), which MCP clients that came"
                    + " by https:// refuse; set it (or MCP_GATEWAY_RESOURCE_URL) to the public URL of /mcp (the"
                    + " issuer's access tokens naming it are then accepted too, whatever their client)");
        }
        if (config.server().corsOrigins().contains("*")) {
            warnings.add("server.cors_origins allows every origin (*): list the origins of the web apps that call the"
                    + " gateway");
        }
        if (config.auth().adminScopes().isEmpty()) {
            warnings.add("auth.admin_scopes is empty: any caller with a token can reload the configuration");
        }
        if (config.server().drain().isZero()) {
            warnings.add("server.drain_ms is 0: a stopping instance refuses connections before load balancers"
                    + " have moved traffic away");
        }
        return warnings;
    }

    private static List<String> sharedUrls(List<BackendSettings> backends) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (BackendSettings backend : backends.stream().filter(BackendSettings::enabled).toList()) {
            String endpoint = backend.shownUrl().replaceAll("/+$", "") + backend.mcpPath();
            String first = seen.putIfAbsent(endpoint, backend.name());
            if (first != null) {
                warnings.add("Backends '" + first + "' and '" + backend.name() + "' have the same MCP endpoint "
                        + endpoint + ": one server is configured twice");
            }
        }
        return warnings;
    }

    /** Whether {@code url} is plain HTTP (its scheme in any case, as URLs' schemes are). */
    private static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, "http://".length());
    }
}
