package io.mcpgateway.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code backends} (the two restaurant servers on their default ports when the file has none), each entry
 * checked on its own; {@code MCP_SEARCH_SERVER_URL} and {@code MCP_REASONING_SERVER_URL} point the restaurant
 * backends elsewhere.
 */
final class BackendSettingsReader {

    private static final Logger log = LoggerFactory.getLogger(BackendSettingsReader.class);

    private final UnaryOperator<String> env;
    private final Environment environment;

    /** @param env the environment variable of a name, or null when it is unset or blank */
    BackendSettingsReader(UnaryOperator<String> env, Environment environment) {
        this.env = env;
        this.environment = environment;
    }

    /** The backends; null when one of them is broken and {@code problems} collects (each entry is checked). */
    List<BackendSettings> read(SettingsReader root, ConfigProblems problems) {
        List<SettingsReader> configured = root.children("backends");
        List<BackendSettings> backends = new ArrayList<>();
        boolean broken = false;
        if (configured == null) {
            backends.add(defaultBackend(GatewayConfig.SEARCH_BACKEND, "http://127.0.0.1:8081"));
            backends.add(defaultBackend(GatewayConfig.REASONING_BACKEND, "http://127.0.0.1:8082"));
        } else {
            for (SettingsReader b : configured) {
                BackendSettings backend = problems.read(() -> backend(b));
                broken |= backend == null;
                if (backend != null) {
                    backends.add(backend);
                }
            }
        }
        Set<String> names = new HashSet<>();
        List<BackendSettings> withEnv = new ArrayList<>();
        for (BackendSettings b : backends) {
            if (!names.add(b.name())) {
                throw new ConfigException("backends: the name '" + b.name() + "' is used twice");
            }
            withEnv.add(withEnvUrl(b));
        }
        checkUnused("MCP_SEARCH_SERVER_URL", GatewayConfig.SEARCH_BACKEND, names);
        checkUnused("MCP_REASONING_SERVER_URL", GatewayConfig.REASONING_BACKEND, names);
        return broken ? null : withEnv;
    }

    /**
     * A guide's URL variable set where no backend has the name it points elsewhere: a malformed one is refused as
     * anywhere, a well-formed one said to be unused (not an error: a shared environment may set it for other
     * gateways), so that no deployment calls another server than the one its environment names without a word.
     */
    private void checkUnused(String variable, String backend, Set<String> names) {
        String url = env.apply(variable);
        if (url != null && !names.contains(backend)) {
            SettingsReader.baseUrl(variable, url);
            log.warn("{} is set, but no backend is named '{}', the one it points elsewhere: it is not used", variable,
                    backend);
        }
    }

    private BackendSettings backend(SettingsReader b) {
        b.onlyKeys(Set.of("name", "url", "mcp_path", "health_path", "enabled", "connect_timeout_ms",
                "request_timeout_ms", "total_timeout_ms", "max_connections", "max_queued_calls", "keep_alive_ms",
                "max_connection_age_ms", "max_response_bytes", "auth", "required_scopes", "send_caller"));
        String name = b.string("name", null);
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new ConfigException(b.name("name") + " must be lower-case letters, digits and '-' but was " + name);
        }
        String url = b.string("url", null);
        if (url == null) {
            throw new ConfigException(b.name("url") + " is required");
        }
        ConnectionPoolSettings pool = new ConnectionPoolSettings(
                b.integer("max_connections", ConnectionPoolSettings.DEFAULT_MAX_CONNECTIONS, 1, 10_000),
                b.integer("max_queued_calls", ConnectionPoolSettings.DEFAULT_MAX_QUEUED, 1, 1_000_000),
                b.millis("keep_alive_ms", ConnectionPoolSettings.DEFAULT_KEEP_ALIVE, 1_000, 3_600_000),
                b.integer("max_response_bytes", ConnectionPoolSettings.DEFAULT_MAX_RESPONSE_BYTES, 1024,
                        Integer.MAX_VALUE - 8),
                b.millis("max_connection_age_ms", ConnectionPoolSettings.DEFAULT_MAX_AGE, 1_000, 86_400_000));
        return new BackendSettings(name, SettingsReader.baseUrl(b.name("url"), url),
                path(b, "mcp_path", BackendSettings.DEFAULT_MCP_PATH, ""), healthPath(b), b.bool("enabled", true),
                b.millis("connect_timeout_ms", BackendSettings.DEFAULT_CONNECT_TIMEOUT, 1, 600_000),
                b.millis("request_timeout_ms", BackendSettings.DEFAULT_REQUEST_TIMEOUT, 1, 600_000),
                b.millis("total_timeout_ms", BackendSettings.DEFAULT_TOTAL_TIMEOUT, 1, 600_000), pool,
                new OutboundCredentialsReader(env, environment).read(b.child("auth")),
                ConfigValues.scopes(b.name("required_scopes"), b.strings("required_scopes", List.of())),
                b.bool("send_caller", true));
    }

    /** A path, or {@code ""} for a backend without a health page (null, as for every setting, is the default). */
    private static String healthPath(SettingsReader reader) {
        String path = reader.string("health_path", BackendSettings.DEFAULT_HEALTH_PATH);
        return path.equals(BackendSettings.NO_HEALTH_PAGE) ? path : path(reader, "health_path",
                BackendSettings.DEFAULT_HEALTH_PATH, " (or be \"\" for a backend without a health page)");
    }

    /** @param otherwise what else the setting may be, said when it is not a path */
    private static String path(SettingsReader reader, String key, String fallback, String otherwise) {
        String path = reader.string(key, fallback);
        if (!path.startsWith("/")) {
            throw new ConfigException(reader.name(key) + " must start with '/'" + otherwise + " but was '" + path
                    + "'");
        }
        try {
            new URI(path); // the backend's endpoints are made from it once, at start-up: refused here with its name
        } catch (URISyntaxException e) {
            throw new ConfigException(reader.name(key) + " must be a URL path (percent-encode spaces and other"
                    + " special characters) but was '" + path + "'");
        }
        return path;
    }

    private static BackendSettings defaultBackend(String name, String url) {
        return BackendSettings.withDefaults(name, URI.create(url));
    }

    /** The guide's MCP_SEARCH_SERVER_URL / MCP_REASONING_SERVER_URL point the restaurant backends elsewhere. */
    private BackendSettings withEnvUrl(BackendSettings b) {
        String variable = switch (b.name()) {
            case GatewayConfig.SEARCH_BACKEND -> "MCP_SEARCH_SERVER_URL";
            case GatewayConfig.REASONING_BACKEND -> "MCP_REASONING_SERVER_URL";
            default -> null;
        };
        if (variable == null || env.apply(variable) == null) {
            return b;
        }
        return b.withUrl(SettingsReader.baseUrl(variable, env.apply(variable)));
    }

}
