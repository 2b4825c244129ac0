package io.mcpgateway.gateway.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.lettuce.core.RedisURI;
import io.mcpgateway.mcpkit.HeaderDeadline;
import io.mcpgateway.mcpkit.McpServerConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Builds the {@link GatewayConfig} from an optional YAML file and the environment, environment first (the guide's
 * variables: {@code AWS_REGION}, {@code COGNITO_USER_POOL_ID}, {@code COGNITO_CLIENT_ID}, {@code OIDC_ISSUER_URL},
 * {@code OIDC_CLIENT_IDS}, {@code MCP_SEARCH_SERVER_URL}, {@code MCP_REASONING_SERVER_URL}; {@code GATEWAY_HOST},
 * {@code GATEWAY_PORT} and others), then the file, then the defaults. Every problem stops loading with the setting's
 * name.
 */
public final class ConfigLoader {

    /** The largest configuration file read. */
    static final long MAX_CONFIG_BYTES = 1024 * 1024;
    /** scheme://host[:port], the host a name, an IPv4 address or a bracketed IPv6 one. */
    private static final Pattern ORIGIN = Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private final Map<String, String> env;
    /** The environment to judge the file as, whatever it says; null: the one it says. */
    private final Environment judgedAs;

    public ConfigLoader(Map<String, String> env) {
        this(env, null);
    }

    private ConfigLoader(Map<String, String> env, Environment judgedAs) {
        this.env = Map.copyOf(env);
        this.judgedAs = judgedAs;
    }

    /**
     * The same loader judging the file as if its environment were {@code environment}: the file's own
     * {@code environment} is still read (and refused when it is none), then set aside.
     */
    ConfigLoader as(Environment environment) {
        return new ConfigLoader(env, Objects.requireNonNull(environment, "environment"));
    }

    /** Loads {@code file} (may be null) overlaid with the environment. */
    public GatewayConfig load(Path file) {
        return build(file, new ConfigProblems(ConfigProblems.Mode.STOP_AT_FIRST));
    }

    /**
     * Checks {@code file} (may be null) overlaid with the environment as {@link #load} does, but goes on after a
     * problem in one part of the configuration (server, auth, backends, ...) to the next, so every broken part is
     * reported at once; a part that depends on a broken one (routes on backends) is not checked.
     *
     * @return the problems in the order {@link #load} meets them; empty exactly when {@link #load} succeeds
     */
    public List<ConfigException> check(Path file) {
        ConfigProblems problems = new ConfigProblems(ConfigProblems.Mode.COLLECT);
        try {
            build(file, problems);
        } catch (ConfigException e) {
            problems.add(e); // the file itself: unreadable, not YAML, not a mapping
        }
        return problems.found();
    }

    /**
     * The issuer the environment sets, derived as {@link #load} derives it ({@code COGNITO_USER_POOL_ID} with
     * its region, else {@code OIDC_ISSUER_URL}); empty when neither is set.
     *
     * @throws ConfigException when {@code COGNITO_USER_POOL_ID} is malformed
     */
    public Optional<String> environmentIssuer() {
        return new AuthSettingsReader(this::env).environmentIssuer();
    }

    /** Reads every part in a fixed order; {@code problems} decides whether a broken part stops the reading. */
    private GatewayConfig build(Path file, ConfigProblems problems) {
        SettingsReader root = new SettingsReader(readYaml(file), "");
        // the MCP servers' and the development issuer's sections are theirs to read (search-server --config FILE)
        problems.read(() -> root.onlyKeys(Set.of("environment", "server", "auth", "backends", "routes", "health",
                "rate_limits", "resilience", "cache", "mcp", "tools", "search_server", "reasoning_server",
                "dev_idp")));
        Environment read = problems.read(() -> environment(root));
        Environment environment = judgedAs != null ? judgedAs : read;
        List<BackendSettings> backends = problems.read(() -> new BackendSettingsReader(this::env, environment)
                .read(root, problems));
        List<RouteSettings> routes = backends == null ? null
                : problems.read(() -> RouteSettingsReader.read(root, backends, problems));
        ServerSettings server = problems.read(() -> server(root.child("server"), backends));
        AuthSettings auth = problems.read(() -> new AuthSettingsReader(this::env).read(root.child("auth")));
        HealthSettings health = problems.read(() -> health(root.child("health")));
        RateLimitSettings rateLimits = problems.read(() -> rateLimits(root.child("rate_limits"), routes,
                environment));
        ResilienceSettings resilience = problems.read(() -> resilience(root.child("resilience")));
        CacheSettings cache = problems.read(() -> cache(root.child("cache")));
        McpEndpointSettings mcp = problems.read(() -> mcp(root.child("mcp"), server));
        ToolSettings tools = problems.read(() -> tools(root.child("tools")));
        return problems.found().isEmpty() ? new GatewayConfig(server, auth, backends, routes, health, rateLimits,
                resilience, cache, mcp, tools, environment) : null;
    }

    /**
     * The configuration file as a tree, with the checks every reader of it needs (a readable file of at most 1 MiB,
     * valid YAML, no key twice, no aliases); null for no file.
     */
    public static JsonNode readYaml(Path file) {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config: " + file + " is not a readable file");
        }
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                // the YAML parser's time grows with the square of a line's length: a runaway file would stall a start
                throw new ConfigException("--config: " + file + " is larger than " + MAX_CONFIG_BYTES / 1024
                        + " KiB; a gateway's configuration is a few KiB");
            }
            // a key given twice is a mistake to show, not one to settle by taking the last
            YAMLMapper yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
            String text = Files.readString(file);
            refuseAliases(yaml, text, file);
            JsonNode tree = yaml.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                // all defaults by mistake, or a file caught while it is written (emptied, then filled): a reload
                // would turn rate limits and admin scopes back to their defaults
                throw new ConfigException("--config: " + file + " holds no settings (it is empty or only comments):"
                        + " a file being written, or one to leave out (without a file, the defaults and the"
                        + " environment apply)");
            }
            return tree;
        } catch (JacksonException e) {
            throw new ConfigException("--config: " + file + " is not valid YAML" + YamlSyntaxProblem.of(e));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException("--config: " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("--config: " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * An alias ({@code *name}) is read by the YAML tree reader as the text "name", not as the value its anchor holds:
     * {@code required_scopes: *ops} would ask for a scope called "ops". Refused, with where it is.
     */
    private static void refuseAliases(YAMLMapper yaml, String text, Path file) {
        try (JsonParser parser = yaml.createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser reader && reader.isCurrentAlias()) {
                    throw new ConfigException("--config: " + file + " uses a YAML alias (*" + parser.getString()
                            + ") at line " + parser.currentLocation().getLineNr() + ": aliases are not supported,"
                            + " write the value out");
                }
            }
        }
    }

    /** {@code ENVIRONMENT} or the top-level {@code environment}. */
    private Environment environment(SettingsReader root) {
        if (env("ENVIRONMENT") != null) {
            return Environment.parse("ENVIRONMENT", env("ENVIRONMENT"));
        }
        String configured = root.string("environment", null);
        return configured == null ? Environment.DEFAULT : Environment.parse(root.name("environment"), configured);
    }

    private ServerSettings server(SettingsReader server, List<BackendSettings> backends) {
        server.onlyKeys(Set.of("host", "port", "max_request_bytes", "shutdown_timeout_ms", "drain_ms",
                "gzip_level", "cors_origins", "config_watch_seconds", "max_connections", "header_timeout_ms"));
        int port = env("GATEWAY_PORT") != null
                ? parsePort("GATEWAY_PORT", env("GATEWAY_PORT"))
                : server.integer("port", ServerSettings.DEFAULT_PORT, 0, 65535);
        String host = env("GATEWAY_HOST") != null ? env("GATEWAY_HOST")
                : server.string("host", ServerSettings.DEFAULT_HOST);
        if (host.isBlank()) {
            throw new ConfigException(server.name("host") + " must name an address, such as 127.0.0.1 or 0.0.0.0");
        }
        return new ServerSettings(host, port,
                server.integer("max_request_bytes", ServerSettings.DEFAULT_MAX_REQUEST_BYTES, 1024, 64 * 1024 * 1024),
                server.millis("shutdown_timeout_ms", ServerSettings.defaultShutdownTimeout(backends == null
                        ? List.of() : backends), 0, 3_600_000),
                server.millis("drain_ms", Duration.ZERO, 0, 600_000),
                server.integer("gzip_level", ServerSettings.DEFAULT_GZIP_LEVEL, 0, 9), corsOrigins(server),
                server.seconds("config_watch_seconds", Duration.ZERO, 0, 3600),
                server.integer("max_connections", ServerSettings.DEFAULT_MAX_CONNECTIONS, 16, 1_000_000),
                server.millis("header_timeout_ms", HeaderDeadline.DEFAULT, 1_000, 600_000));
    }

    /** {@code CORS_ORIGINS} (comma-separated, empty for none) or {@code server.cors_origins}: {@code *} or origins. */
    private List<String> corsOrigins(SettingsReader server) {
        String variable = env.get("CORS_ORIGINS"); // set but empty means none, unlike other variables
        String name = variable != null ? "CORS_ORIGINS" : server.name("cors_origins");
        List<String> origins = variable != null ? ConfigValues.commaList(variable)
                : server.strings("cors_origins", ServerSettings.DEFAULT_CORS_ORIGINS);
        for (String origin : origins) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new ConfigException(name + ": '" + origin + "' is not * or an origin such as"
                        + " https://app.example.com or http://localhost:3000 (scheme, host and port only)");
            }
        }
        if (origins.contains("*") && origins.size() > 1) {
            throw new ConfigException(name + ": * already allows every origin; list origins or * alone");
        }
        return origins;
    }

    /**
     * A Redis URL as the Redis client will read it (with the database after the port): one it would refuse when the
     * gateway starts is refused here, naming the setting. The URL is not repeated: it may hold a password.
     */
    private static void checkRedisUrl(String setting, String value) {
        String refusal = setting + " must be a redis:// or rediss:// URL such as redis://host:6379 or"
                + " rediss://:password@host:6379/0";
        try {
            URI uri = new URI(value);
            if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null
                    || !SettingsReader.validPort(uri.getPort())) {
                throw new ConfigException(refusal);
            }
            RedisURI.create(value);
        } catch (URISyntaxException | IllegalArgumentException e) { // Lettuce's refusals: NumberFormatException...
            throw new ConfigException(refusal + (e instanceof URISyntaxException ? " (not a URL)"
                    : " (the client refuses its database, the number after the port)"));
        }
    }

    private static HealthSettings health(SettingsReader health) {
        health.onlyKeys(Set.of("probe_interval_seconds", "probe_timeout_ms", "ready_needs_backend"));
        return new HealthSettings(
                health.seconds("probe_interval_seconds", HealthSettings.DEFAULT_PROBE_INTERVAL, 1, 3600),
                health.millis("probe_timeout_ms", HealthSettings.DEFAULT_PROBE_TIMEOUT, 10, 60_000),
                health.bool("ready_needs_backend", true));
    }

    /** The limits; {@code routes} null when they could not be read, so override paths cannot be matched to them. */
    private RateLimitSettings rateLimits(SettingsReader limits, List<RouteSettings> routes, Environment environment) {
        limits.onlyKeys(Set.of("per_minute", "burst", "burst_window_seconds", "redis_url", "routes", "redis_timeout_ms",
                "redis_probe_interval_ms", "redis_key_prefix"));
        long perMinute = env("RATE_LIMIT_PER_MINUTE") != null
                ? parseCount("RATE_LIMIT_PER_MINUTE", env("RATE_LIMIT_PER_MINUTE"))
                : limits.integer("per_minute", (int) RateLimitSettings.DEFAULT_PER_MINUTE, 0, 1_000_000);
        long burst = env("RATE_LIMIT_BURST") != null
                ? parseCount("RATE_LIMIT_BURST", env("RATE_LIMIT_BURST"))
                : limits.integer("burst", (int) RateLimitSettings.DEFAULT_BURST, 0, 1_000_000);
        String redis = env("REDIS_URL") != null ? env("REDIS_URL") : limits.string("redis_url", null);
        if (redis != null) {
            checkRedisUrl(env("REDIS_URL") != null ? "REDIS_URL" : limits.name("redis_url"), redis);
            if (env("REDIS_URL") == null && environment == Environment.PRODUCTION && hasPassword(redis)) {
                // as for backends' secrets (OutboundCredentialsReader): a file with secrets ends up in repositories
                throw new ConfigException(limits.name("redis_url") + ": a password written in the configuration file"
                        + " is refused in production: give the URL in REDIS_URL, from a secret");
            }
        }
        Map<String, RateLimitSettings.RouteLimit> perRoute = new java.util.LinkedHashMap<>();
        SettingsReader overrides = limits.child("routes");
        Set<String> paths = new LinkedHashSet<>();
        if (routes != null) {
            routes.forEach(r -> paths.add(r.path()));
            overrides.onlyKeys(paths);
        } else {
            paths.addAll(overrides.keys()); // the routes are broken (already a problem): check the limits given alone
        }
        for (String path : paths) {
            SettingsReader route = overrides.child(path).onlyKeys(Set.of("per_minute", "burst"));
            if (!route.isEmpty()) {
                perRoute.put(path, new RateLimitSettings.RouteLimit(route.integer("per_minute", (int) perMinute, 0,
                        1_000_000), route.integer("burst", (int) burst, 0, 1_000_000)));
            }
        }
        return new RateLimitSettings(perMinute, burst,
                limits.seconds("burst_window_seconds", RateLimitSettings.DEFAULT_BURST_WINDOW, 1, 3600), redis,
                perRoute,
                limits.millis("redis_timeout_ms", RateLimitSettings.DEFAULT_REDIS_TIMEOUT, 10, 10_000),
                limits.millis("redis_probe_interval_ms", RateLimitSettings.DEFAULT_REDIS_PROBE_INTERVAL, 100, 600_000),
                redisKeyPrefix(limits));
    }

    /** Whether a Redis URL (checked already) holds a password, as the Redis client reads it ({@code :secret@}...). */
    private static boolean hasPassword(String redisUrl) {
        char[] password = RedisURI.create(redisUrl).getPassword();
        return password != null && password.length > 0;
    }

    /**
     * Printable ASCII without spaces or braces, short: it is put before every key, and shown in logs and redis-cli;
     * a brace would take the place of the hash tag that keeps a caller's keys in one slot of a Redis cluster.
     */
    private static String redisKeyPrefix(SettingsReader limits) {
        String prefix = limits.string("redis_key_prefix", "");
        if (prefix != null && !prefix.matches("[!-z|~]{0,64}")) {
            throw new ConfigException(limits.name("redis_key_prefix")
                    + " must be at most 64 printable ASCII characters without spaces or braces");
        }
        return prefix;
    }

    private static ResilienceSettings resilience(SettingsReader r) {
        r.onlyKeys(Set.of("max_attempts", "initial_backoff_ms", "max_backoff_ms", "retry_budget_percent",
                "failure_rate_threshold_percent", "minimum_calls", "sliding_window_size", "wait_in_open_seconds",
                "half_open_calls", "max_concurrent_calls"));
        ResilienceSettings d = ResilienceSettings.defaults();
        Duration initialBackoff = r.millis("initial_backoff_ms", d.initialBackoff(), 1, 60_000);
        Duration maxBackoff = r.millis("max_backoff_ms", d.maxBackoff(), 1, 600_000);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigException(r.name("max_backoff_ms") + " (" + maxBackoff.toMillis() + ") must not be less"
                    + " than initial_backoff_ms (" + initialBackoff.toMillis() + ")");
        }
        return new ResilienceSettings(r.integer("max_attempts", d.maxAttempts(), 1, 10), initialBackoff, maxBackoff,
                r.integer("retry_budget_percent", (int) Math.round(d.retryBudgetRatio() * 100), 0, 100) / 100.0,
                r.integer("failure_rate_threshold_percent", d.failureRateThreshold(), 1, 100),
                r.integer("minimum_calls", d.minimumCalls(), 1, 10_000),
                r.integer("sliding_window_size", d.slidingWindowSize(), 1, 10_000),
                r.seconds("wait_in_open_seconds", d.waitInOpen(), 1, 3600),
                r.integer("half_open_calls", d.halfOpenCalls(), 1, 1000),
                r.integer("max_concurrent_calls", d.maxConcurrentCalls(), 1, 100_000));
    }

    private static CacheSettings cache(SettingsReader c) {
        c.onlyKeys(Set.of("enabled", "max_entries", "max_bytes", "ttl_seconds", "per_caller"));
        CacheSettings d = CacheSettings.defaults();
        return new CacheSettings(c.bool("enabled", d.enabled()), c.integer("max_entries", (int) d.maxEntries(), 1,
                10_000_000), c.whole("max_bytes", d.maxBytes(), 1024 * 1024, 64L << 30),
                c.seconds("ttl_seconds", d.ttl(), 1, 86_400), c.bool("per_caller", d.perCaller()));
    }

    /**
     * A list setting that {@code variable} gives instead when set (comma-separated, as the MCP servers' own), each
     * value checked by {@code problemOf}; said by the name of whichever gave it.
     *
     * @param whyNotEmpty why it may not be empty, or null when it may
     */
    private List<String> checkedList(SettingsReader reader, String variable, String key, List<String> fallback,
            String whyNotEmpty, Function<String, Optional<String>> problemOf) {
        String name = env(variable) != null ? variable : reader.name(key);
        List<String> values = env(variable) != null ? ConfigValues.commaList(env(variable))
                : reader.strings(key, fallback);
        if (values.isEmpty() && whyNotEmpty != null) {
            throw new ConfigException(name + " must not be empty: " + whyNotEmpty);
        }
        values.forEach(value -> problemOf.apply(value).ifPresent(problem -> {
            throw new ConfigException(name + ": " + problem);
        }));
        return values;
    }

    /** @param server the server's settings, null when they could not be read */
    private McpEndpointSettings mcp(SettingsReader m, ServerSettings server) {
        m.onlyKeys(Set.of("always_prefix", "allowed_hosts", "allowed_origins", "resource_url",
                "stream_keep_alive_seconds", "max_subscriptions", "max_subscriptions_per_caller"));
        McpEndpointSettings d = McpEndpointSettings.defaults();
        // a value that matches no request would refuse every one (421, 403): said at start, not found out later
        List<String> hosts = checkedList(m, "MCP_GATEWAY_ALLOWED_HOSTS", "allowed_hosts", d.allowedHosts(),
                "Host validation stays on", McpServerConfig::hostProblem);
        List<String> origins = checkedList(m, "MCP_GATEWAY_ALLOWED_ORIGINS", "allowed_origins", d.allowedOrigins(),
                null, McpServerConfig::originProblem);
        // from the environment too, for a platform that mounts no file (AgentCore Runtime)
        String resourceVariable = env("MCP_GATEWAY_RESOURCE_URL");
        String resource = resourceVariable != null ? resourceVariable : m.string("resource_url", null);
        if (resource != null) {
            SettingsReader.httpUrl(resourceVariable != null ? "MCP_GATEWAY_RESOURCE_URL" : m.name("resource_url"),
                    resource);
        }
        // streams hold their connections for good: by default at most half of them, the rest for requests
        int most = server == null ? d.maxSubscriptions() : Math.min(d.maxSubscriptions(), server.maxConnections() / 2);
        int subscriptions = m.integer("max_subscriptions", most, 0, 1_000_000);
        if (server != null && subscriptions > server.maxConnections() / 2) {
            throw new ConfigException(m.name("max_subscriptions") + " (" + subscriptions + ") must be at most half"
                    + " of server.max_connections (" + server.maxConnections() + ")");
        }
        return new McpEndpointSettings(m.bool("always_prefix", d.alwaysPrefix()), hosts, origins, resource,
                m.seconds("stream_keep_alive_seconds", d.keepAlive(), 1, 3_600), subscriptions,
                m.integer("max_subscriptions_per_caller", d.maxSubscriptionsPerCaller(), 1, 10_000));
    }

    private static ToolSettings tools(SettingsReader t) {
        t.onlyKeys(Set.of("refresh_interval_seconds", "pins_file", "hold_changed"));
        ToolSettings d = ToolSettings.defaults();
        String pins = t.string("pins_file", null);
        Path pinsFile = pins == null ? null : Path.of(pins);
        if (pinsFile != null && !Files.isRegularFile(pinsFile)) {
            throw new ConfigException(t.name("pins_file") + ": " + pins + " is not a readable file (write it with"
                    + " 'curl <gateway>/tools/pins')");
        }
        return new ToolSettings(t.seconds("refresh_interval_seconds", d.refreshInterval(), 5, 86_400), pinsFile,
                t.bool("hold_changed", d.holdChanged()));
    }

    private static long parseCount(String setting, String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(setting + " must be a whole number from 0 (off) to 1000000 but was '" + value + "'");
    }

    private String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int parsePort(String setting, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(setting + " must be a port between 0 and 65535 but was '" + value + "'");
    }
}
