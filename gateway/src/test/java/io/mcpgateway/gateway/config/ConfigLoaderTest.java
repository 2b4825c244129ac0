package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.Level;
import io.mcpgateway.gateway.CapturedLogs;

class ConfigLoaderTest {

    private static final Map<String, String> OIDC = Map.of("OIDC_ISSUER_URL", "https://id.example.com/realm",
            "OIDC_CLIENT_IDS", "app-one, app-two");

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static Map<String, String> env(Map<String, String> base, String... more) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static void fails(Map<String, String> env, Path file, String message) {
        assertThatThrownBy(() -> new ConfigLoader(env).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Nested
    class Defaults {

        @Test
        void environmentAloneGivesAWorkingConfigurationWithTheFiveRestaurantRoutes() {
            GatewayConfig config = new ConfigLoader(OIDC).load(null);

            assertThat(config.server().port()).isEqualTo(8080);
            assertThat(config.auth().issuer()).isEqualTo("https://id.example.com/realm");
            assertThat(config.auth().clientIds()).containsExactly("app-one", "app-two");
            assertThat(config.auth().leeway()).isEqualTo(Duration.ofSeconds(60));
            assertThat(config.routes()).hasSize(5);
            assertThat(config.backends()).extracting(BackendSettings::name)
                    .containsExactly("restaurant-search", "restaurant-reasoning");
        }

        @Test
        void cognitoVariablesDeriveTheIssuer() {
            GatewayConfig config = new ConfigLoader(Map.of("COGNITO_USER_POOL_ID", "us-east-1_KePRX24Bn",
                    "COGNITO_CLIENT_ID", "1ofgeckef3po4i3us4j1m4chvd", "AWS_REGION", "us-east-1")).load(null);

            assertThat(config.auth().issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_KePRX24Bn");
            assertThat(config.auth().clientIds()).containsExactly("1ofgeckef3po4i3us4j1m4chvd");
        }

        @Test
        void backendUrlsComeFromTheGuidesVariables() {
            GatewayConfig config = new ConfigLoader(env(OIDC, "MCP_SEARCH_SERVER_URL", "http://search:9000",
                    "MCP_REASONING_SERVER_URL", "https://reasoning.internal")).load(null);

            assertThat(config.backend("restaurant-search").orElseThrow().mcpEndpoint().toString())
                    .isEqualTo("http://search:9000/mcp");
            assertThat(config.backend("restaurant-reasoning").orElseThrow().healthEndpoint())
                    .hasValue(URI.create("https://reasoning.internal/health"));
        }

        @Test
        void aBackendUrlGivenAsItsMcpEndpointIsTakenForItsBase() throws IOException {
            // the usual slip: the endpoint's URL where the base is meant (else /mcp/mcp, a 404 forever)
            GatewayConfig config = new ConfigLoader(env(OIDC, "MCP_SEARCH_SERVER_URL", "http://search:9000/mcp",
                    "MCP_REASONING_SERVER_URL", "https://gw.internal/reasoning/mcp/")).load(yaml("""
                    backends:
                      - {name: restaurant-search, url: "http://127.0.0.1:8081"}
                      - {name: restaurant-reasoning, url: "http://127.0.0.1:8082"}
                      - {name: rpc, url: "http://tools.internal/v2/rpc", mcp_path: /rpc}
                      - {name: nested, url: "http://tools.internal/mcp", mcp_path: /api/mcp}
                      - {name: lookalike, url: "http://tools.internal/notmcp"}
                    """));

            assertThat(config.backend("restaurant-search").orElseThrow().mcpEndpoint())
                    .isEqualTo(URI.create("http://search:9000/mcp"));
            assertThat(config.backend("restaurant-search").orElseThrow().healthEndpoint())
                    .hasValue(URI.create("http://search:9000/health"));
            assertThat(config.backend("restaurant-reasoning").orElseThrow().mcpEndpoint())
                    .isEqualTo(URI.create("https://gw.internal/reasoning/mcp"));
            assertThat(config.backend("rpc").orElseThrow().mcpEndpoint())
                    .isEqualTo(URI.create("http://tools.internal/v2/rpc"));
            assertThat(config.backend("nested").orElseThrow().mcpEndpoint()).as("not its endpoint's path")
                    .isEqualTo(URI.create("http://tools.internal/mcp/api/mcp"));
            assertThat(config.backend("lookalike").orElseThrow().mcpEndpoint())
                    .isEqualTo(URI.create("http://tools.internal/notmcp/mcp"));
        }
    }

    @Nested
    class File {

        @Test
        void everySettingCanBeGivenInYamlAndTheEnvironmentWins() throws IOException {
            Path file = yaml("""
                    server: {host: 0.0.0.0, port: 9090, max_request_bytes: 4096, drain_ms: 3000, gzip_level: 0,
                             config_watch_seconds: 10, max_connections: 500, header_timeout_ms: 5000}
                    auth:
                      issuer: https://file.example.com
                      client_ids: [from-file]
                      leeway_seconds: 5
                      token_uses: [access]
                    backends:
                      - {name: tools, url: "http://tools:1234", request_timeout_ms: 1500, send_caller: false}
                    routes:
                      - {method: post, path: /api/v1/do, backend: tools, tool: do_it, required_scopes: [tools/write]}
                    health: {probe_interval_seconds: 3, probe_timeout_ms: 500}
                    """);

            GatewayConfig config = new ConfigLoader(Map.of("OIDC_ISSUER_URL", "https://env.example.com")).load(file);

            assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 9090, 4096, Duration.ofSeconds(50),
                    Duration.ofSeconds(3), 0, List.of("*"), Duration.ofSeconds(10), 500, Duration.ofSeconds(5)));
            assertThat(config.auth().issuer()).isEqualTo("https://env.example.com");
            assertThat(config.auth().clientIds()).containsExactly("from-file");
            assertThat(config.auth().tokenUses()).containsExactly("access");
            assertThat(config.backends().get(0).requestTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(config.backends().get(0).sendCaller()).isFalse();
            assertThat(config.routes()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.requiredScopes()).containsExactly("tools/write");
            });
            assertThat(config.health().probeInterval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.health().readyNeedsBackend()).as("the default").isTrue();
            assertThat(new ConfigLoader(OIDC).load(yaml("health: {ready_needs_backend: false}")).health()
                    .readyNeedsBackend()).isFalse();
        }

        @Test
        void whereTheGatewayListensComesFromTheEnvironmentBeforeTheFile() throws IOException {
            Path file = yaml("server: {host: 127.0.0.1, port: 9090}");

            ServerSettings server = new ConfigLoader(env(OIDC, "GATEWAY_HOST", " 0.0.0.0 ", "GATEWAY_PORT", "8088"))
                    .load(file).server();

            assertThat(server.host()).isEqualTo("0.0.0.0");
            assertThat(server.port()).isEqualTo(8088);
            assertThat(new ConfigLoader(env(OIDC, "GATEWAY_HOST", "")).load(file).server().host())
                    .as("set but empty: the file's").isEqualTo("127.0.0.1");
        }
    }

    @Nested
    class SettingsThatWouldRefuseEverythingOrNothing {

        @Test
        void anEmptyStringIsNotAnEmptyListOfScopes() throws IOException {
            // a template value left unset must not mean "no scope needed" (reloads, routes open to any token)
            fails(OIDC, yaml("auth: {admin_scopes: \"\"}"),
                    "auth.admin_scopes must be a list of non-empty text values but was \"\" (write [] for none)");
            fails(OIDC, yaml("""
                    backends: [{name: a, url: "http://a"}]
                    routes: [{path: /x, backend: a, tool: x, required_scopes: " , "}]
                    """), "routes[0].required_scopes must be a list of non-empty text values");
            fails(env(OIDC, "GATEWAY_ADMIN_SCOPES", ","), null, "GATEWAY_ADMIN_SCOPES names no scope");
            assertThat(new ConfigLoader(OIDC).load(yaml("auth: {admin_scopes: []}")).auth().adminScopes()).isEmpty();
        }

        @Test
        void theResourceUrlOfMcpMayComeFromTheEnvironmentAndMustBeAnHttpUrl() throws IOException {
            assertThat(new ConfigLoader(env(OIDC, "MCP_GATEWAY_RESOURCE_URL", "https://gw.example.com/mcp"))
                    .load(yaml("mcp: {resource_url: \"https://file.example.com/mcp\"}")).mcp().resourceUrl())
                    .isEqualTo("https://gw.example.com/mcp");
            fails(env(OIDC, "MCP_GATEWAY_RESOURCE_URL", "gw.example.com/mcp"), null, "MCP_GATEWAY_RESOURCE_URL");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\n\n", "# only a comment\n"})
        void aFileHoldingNoSettingsIsRefusedNotTakenForAllDefaults(String text) throws IOException {
            // a reload or a watch that met a file being written would turn rate limits and admin scopes off
            fails(OIDC, yaml(text), "holds no settings (it is empty or only comments)");
        }

        @Test
        void allowedHostsAndOriginsOfMcpMustBeOnesARequestCanCarry() throws IOException {
            fails(OIDC, yaml("mcp: {allowed_origins: [\"https://app.example.com/\"]}"),
                    "mcp.allowed_origins: 'https://app.example.com/' is not scheme://host[:port]");
            fails(OIDC, yaml("mcp: {allowed_origins: [\"*\"]}"), "mcp.allowed_origins: '*' is not");
            fails(OIDC, yaml("mcp: {allowed_hosts: [\"https://gateway.example.com\"]}"),
                    "mcp.allowed_hosts: 'https://gateway.example.com' is not host, host:port or host:*");
            fails(env(OIDC, "MCP_GATEWAY_ALLOWED_HOSTS", ","), null, "MCP_GATEWAY_ALLOWED_HOSTS must not be empty");
            fails(env(OIDC, "MCP_GATEWAY_ALLOWED_ORIGINS", "*"), null, "MCP_GATEWAY_ALLOWED_ORIGINS: '*' is not");
            assertThat(new ConfigLoader(env(OIDC, "MCP_GATEWAY_ALLOWED_ORIGINS", "https://a.example, http://b:*"))
                    .load(null).mcp().allowedOrigins()).containsExactly("https://a.example", "http://b:*");
            McpEndpointSettings good = new ConfigLoader(OIDC).load(yaml("""
                    mcp: {allowed_hosts: ["gateway.example.com:443", "localhost:*", "[::1]:*"],
                          allowed_origins: ["https://app.example.com", "http://localhost:*"]}
                    """)).mcp();
            assertThat(good.allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:*");
        }
    }

    @Nested
    class Numbers {

        @Test
        void aNumberTooLargeForAnyIsSaidToBeOutOfBounds() throws IOException {
            fails(OIDC, yaml("backends: [{name: a, url: \"http://a\", request_timeout_ms: 99999999999999}]"),
                    "backends[0].request_timeout_ms must be between");
            fails(OIDC, yaml("server: {port: 99999999999999999999999}"), "server.port must be between 0 and 65535");
            fails(OIDC, yaml("server: {port: 80.5}"), "server.port must be a whole number but was 80.5");
        }

        @Test
        void theStreamsKeepAliveIsWholeSecondsWithinBounds() throws IOException {
            assertThat(new ConfigLoader(OIDC).load(null).mcp().keepAlive()).hasSeconds(15);
            assertThat(new ConfigLoader(OIDC).load(yaml("mcp: {stream_keep_alive_seconds: 50}")).mcp().keepAlive())
                    .hasSeconds(50);
            fails(OIDC, yaml("mcp: {stream_keep_alive_seconds: 0}"),
                    "mcp.stream_keep_alive_seconds must be between 1 and 3600");
            fails(OIDC, yaml("mcp: {stream_keep_alive_seconds: 3601}"),
                    "mcp.stream_keep_alive_seconds must be between 1 and 3600");
            fails(OIDC, yaml("mcp: {stream_keep_alive_seconds: soon}"),
                    "mcp.stream_keep_alive_seconds must be a whole number");
        }

        @Test
        void theSubscriptionBoundsAreWholeNumbersWithinBounds() throws IOException {
            McpEndpointSettings defaults = new ConfigLoader(OIDC).load(null).mcp();
            assertThat(defaults.maxSubscriptions()).isEqualTo(1_000);
            assertThat(defaults.maxSubscriptionsPerCaller()).isEqualTo(10);
            McpEndpointSettings set = new ConfigLoader(OIDC).load(yaml(
                    "mcp: {max_subscriptions: 0, max_subscriptions_per_caller: 3}")).mcp();
            assertThat(set.maxSubscriptions()).isZero();
            assertThat(set.maxSubscriptionsPerCaller()).isEqualTo(3);
            fails(OIDC, yaml("mcp: {max_subscriptions: -1}"), "mcp.max_subscriptions must be between 0 and 1000000");
            fails(OIDC, yaml("mcp: {max_subscriptions: 1000001}"),
                    "mcp.max_subscriptions must be between 0 and 1000000");
            fails(OIDC, yaml("mcp: {max_subscriptions: many}"), "mcp.max_subscriptions must be a whole number");
            fails(OIDC, yaml("mcp: {max_subscriptions_per_caller: 0}"),
                    "mcp.max_subscriptions_per_caller must be between 1 and 10000");
            fails(OIDC, yaml("mcp: {max_subscriptions_per_caller: 2.5}"),
                    "mcp.max_subscriptions_per_caller must be a whole number");
            // streams hold connections: at most half of them, by default and as set
            assertThat(new ConfigLoader(OIDC).load(yaml("server: {max_connections: 100}")).mcp().maxSubscriptions())
                    .isEqualTo(50);
            fails(OIDC, yaml("server: {max_connections: 100}\nmcp: {max_subscriptions: 51}"),
                    "mcp.max_subscriptions (51) must be at most half of server.max_connections (100)");
        }

        @Test
        void aCacheLargerThan2GiBIsTaken() throws IOException {
            assertThat(new ConfigLoader(OIDC).load(yaml("cache: {max_bytes: 4294967296}")).cache().maxBytes())
                    .isEqualTo(4L << 30);
        }

        @Test
        void anEmptyHostIsRefused() throws IOException {
            fails(OIDC, yaml("server: {host: \"\"}"), "server.host must name an address");
        }
    }

    @Nested
    class TrafficControl {

        @Test
        void rateLimitsDefaultToTheGuidesFiguresAndComeFromTheEnvironment() {
            assertThat(new ConfigLoader(OIDC).load(null).rateLimits())
                    .isEqualTo(new RateLimitSettings(100, 20, Duration.ofSeconds(10), null, Map.of()));
            RateLimitSettings off = new ConfigLoader(env(OIDC, "RATE_LIMIT_PER_MINUTE", "0", "RATE_LIMIT_BURST", "0",
                    "REDIS_URL", "redis://127.0.0.1:6379")).load(null).rateLimits();
            assertThat(off.forRoute("/api/v1/restaurants/analyze").isOff()).isTrue();
            assertThat(off.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        }

        @Test
        void redisTimingsCanBeTuned() throws IOException {
            RateLimitSettings limits = new ConfigLoader(OIDC).load(yaml("""
                    rate_limits: {redis_timeout_ms: 50, redis_probe_interval_ms: 500}
                    """)).rateLimits();

            assertThat(limits.redisTimeout()).isEqualTo(Duration.ofMillis(50));
            assertThat(limits.redisProbeInterval()).isEqualTo(Duration.ofMillis(500));
            fails(OIDC, yaml("rate_limits: {redis_timeout_ms: 0}"),
                    "rate_limits.redis_timeout_ms must be between 10 and 10000 but was 0");
        }

        @Test
        void aRedisKeyPrefixIsShortPrintableAndWithoutSpacesOrBraces() throws IOException {
            assertThat(new ConfigLoader(OIDC).load(null).rateLimits().redisKeyPrefix()).isEmpty();
            assertThat(new ConfigLoader(OIDC).load(yaml("rate_limits: {redis_key_prefix: \"prod-eu:\"}"))
                    .rateLimits().redisKeyPrefix()).isEqualTo("prod-eu:");
            for (String bad : List.of("\"two words\"", "\"" + "p".repeat(65) + "\"", "\"caf\u00e9\"", "\"x{}\"",
                    "\"a}\"")) {
                fails(OIDC, yaml("rate_limits: {redis_key_prefix: " + bad + "}"), "rate_limits.redis_key_prefix must"
                        + " be at most 64 printable ASCII characters without spaces or braces");
            }
        }

        @Test
        void routeOverridesApplyToTheirRouteOnly() throws IOException {
            RateLimitSettings limits = new ConfigLoader(OIDC).load(yaml("""
                    rate_limits: {routes: {/api/v1/restaurants/recommend: {per_minute: 50}}}
                    """)).rateLimits();

            assertThat(limits.forRoute("/api/v1/restaurants/recommend"))
                    .isEqualTo(new RateLimitSettings.RouteLimit(50, 20));
            assertThat(limits.forRoute("/api/v1/restaurants/analyze"))
                    .isEqualTo(new RateLimitSettings.RouteLimit(100, 20));
        }

        @Test
        void resilienceAndCacheHaveDefaultsAndCanBeTuned() throws IOException {
            GatewayConfig config = new ConfigLoader(OIDC).load(yaml("""
                    resilience: {max_attempts: 2, retry_budget_percent: 10, wait_in_open_seconds: 5}
                    cache: {ttl_seconds: 5, per_caller: true}
                    backends: [{name: a, url: "http://a", total_timeout_ms: 5000}]
                    routes: []
                    """));

            assertThat(config.resilience().maxAttempts()).isEqualTo(2);
            assertThat(config.resilience().retryBudgetRatio()).isEqualTo(0.1);
            assertThat(config.resilience().waitInOpen()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.cache().ttl()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.cache().perCaller()).isTrue();
            assertThat(config.backends().get(0).totalTimeout()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Nested
    class Backends {

        @Test
        void connectionPoolEnabledFlagAndShutdownWaitHaveDefaultsAndCanBeTuned() throws IOException {
            GatewayConfig defaults = new ConfigLoader(OIDC).load(null);
            assertThat(defaults.backends()).allSatisfy(b -> {
                assertThat(b.enabled()).isTrue();
                assertThat(b.pool()).isEqualTo(ConnectionPoolSettings.defaults());
                assertThat(b.credentials()).isEqualTo(OutboundCredentials.none());
            });
            assertThat(defaults.server().shutdownTimeout()).as("the longest total backend timeout, 45 s, and 5 s")
                    .isEqualTo(Duration.ofSeconds(50));

            GatewayConfig tuned = new ConfigLoader(OIDC).load(yaml("""
                    server: {shutdown_timeout_ms: 20000}
                    backends:
                      - {name: a, url: "http://a", enabled: false, max_connections: 8, max_queued_calls: 16,
                         keep_alive_ms: 5000, max_response_bytes: 4096, max_connection_age_ms: 600000}
                    routes: []
                    """));
            assertThat(tuned.backends().get(0).enabled()).isFalse();
            assertThat(tuned.backends().get(0).pool())
                    .isEqualTo(new ConnectionPoolSettings(8, 16, Duration.ofSeconds(5), 4096, Duration.ofMinutes(10)));
            assertThat(tuned.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        void outboundCredentialsOfEveryKindAreRead() throws IOException {
            GatewayConfig config = new ConfigLoader(env(OIDC, "B_TOKEN", "tok-secret-1", "C_SECRET", "sec-secret-3")).load(yaml("""
                    backends:
                      - {name: a, url: "http://a", auth: {type: bearer, token_env: B_TOKEN}}
                      - {name: b, url: "http://b", auth: {type: api_key, header: X-Key, key: key-secret-2}}
                      - {name: c, url: "http://c", auth: {type: oauth_client_credentials,
                         token_url: "https://idp.example.com/token", client_id: gw, client_secret_env: C_SECRET,
                         scopes: [a.read, b.read], audience: api}}
                      - {name: d, url: "http://d", auth: {type: none}}
                    routes: []
                    """));

            assertThat(config.backends()).extracting(BackendSettings::credentials).containsExactly(
                    OutboundCredentials.StaticHeader.bearer("tok-secret-1"),
                    OutboundCredentials.StaticHeader.apiKey("X-Key", "key-secret-2"),
                    new OutboundCredentials.ClientCredentials(java.net.URI.create("https://idp.example.com/token"),
                            "gw", "sec-secret-3", java.util.List.of("a.read", "b.read"), "api"),
                    OutboundCredentials.none());
            assertThat(config.backends().toString()).as("settings can be logged: no secret in them")
                    .doesNotContain("secret").contains("***");
        }

        @Test
        void aBackendsRequiredScopesAreAddedToEachOfItsRoutes() throws IOException {
            GatewayConfig config = new ConfigLoader(OIDC).load(yaml("""
                    backends: [{name: a, url: "http://a", required_scopes: [a.use]}, {name: b, url: "http://b"}]
                    routes:
                      - {path: /x, backend: a, tool: x, required_scopes: [x.write]}
                      - {path: /y, backend: b, tool: y}
                    """));

            assertThat(config.backends().get(0).requiredScopes()).containsExactly("a.use");
            assertThat(config.routes()).extracting(RouteSettings::requiredScopes)
                    .containsExactly(List.of("x.write", "a.use"), List.of());
        }

        @Test
        void toolRefreshAndPinningHaveDefaultsAndCanBeSet() throws IOException {
            assertThat(new ConfigLoader(OIDC).load(null).tools()).isEqualTo(ToolSettings.defaults());
            Path pins = Files.writeString(dir.resolve("pins.json"), "{\"pins\": {}}");

            ToolSettings tools = new ConfigLoader(OIDC).load(yaml("tools: {refresh_interval_seconds: 30,"
                    + " hold_changed: true, pins_file: '" + pins + "'}")).tools();

            assertThat(tools).isEqualTo(new ToolSettings(Duration.ofSeconds(30), pins, true));
            fails(OIDC, yaml("tools: {pins_file: /nowhere/pins.json}"), "tools.pins_file: /nowhere/pins.json is not"
                    + " a readable file");
            fails(OIDC, yaml("tools: {refresh_interval_seconds: 1}"),
                    "tools.refresh_interval_seconds must be between 5 and 86400 but was 1");
        }

        @Test
        void aSecretAnHttpHeaderCannotCarryStopsStartUpNamingTheSettingButNotTheSecret() throws IOException {
            for (String secret : List.of("sk-9f2\r\nX-Injected: 1", "sk-9f2\u0000", "sk-9f2ö", "sk-9f2\tx")) {
                Map<String, String> env = new HashMap<>(OIDC);
                env.put("B_TOKEN", secret);
                Path bearer = yaml("backends: [{name: a, url: 'http://a', auth: {type: bearer, token_env: B_TOKEN}}]"
                        + "\nroutes: []");

                assertThatThrownBy(() -> new ConfigLoader(env).load(bearer)).as(secret)
                        .isInstanceOf(ConfigException.class).hasMessageStartingWith("backends[0].auth.token_env:")
                        .hasMessageNotContaining("sk-9f2");
            }
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: api_key, key: \"k\\x01\"}}]"
                    + "\nroutes: []"), "backends[0].auth.key: the secret holds a line break, a tab, another control");
            // values are read without the spaces and line breaks around them
            Map<String, String> env = new HashMap<>(OIDC);
            env.put("B_TOKEN", "tok-secret-1\n");
            assertThat(new ConfigLoader(env).load(yaml("backends: [{name: a, url: 'http://a', auth: {type: bearer,"
                    + " token_env: B_TOKEN}}]\nroutes: []")).backends().get(0).credentials())
                    .isEqualTo(OutboundCredentials.StaticHeader.bearer("tok-secret-1"));
        }

        @Test
        void badCredentialsAndPoolSettingsNameTheSetting() throws IOException {
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: basic}}]\nroutes: []"),
                    "backends[0].auth.type must be one of [none, bearer, api_key, oauth_client_credentials]");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: bearer}}]\nroutes: []"),
                    "backends[0].auth: set exactly one of token and token_env");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: bearer, token: x, token_env: Y}}]"
                    + "\nroutes: []"), "backends[0].auth: set exactly one of token and token_env");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: bearer, token_env: NOT_SET}}]"
                    + "\nroutes: []"), "backends[0].auth.token_env names the environment variable NOT_SET, which is"
                    + " not set");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: bearer, token: x, header: H}}]"
                    + "\nroutes: []"), "unknown setting 'backends[0].auth.header'");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: api_key, key: x, header: 'a b'}}]"
                    + "\nroutes: []"), "backends[0].auth.header must be an HTTP header name");
            for (String framing : List.of("Content-Length", "transfer-encoding", "Host", "Connection", "User-Agent",
                    "Mcp-Session-Id")) {
                fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: api_key, key: x, header: "
                        + framing + "}}]\nroutes: []"), "backends[0].auth.header must not be " + framing);
            }
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: oauth_client_credentials,"
                    + " client_id: x, client_secret: y}}]\nroutes: []"), "token_url and client_id are required");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: oauth_client_credentials,"
                    + " token_url: 'ftp://x', client_id: x, client_secret: y}}]\nroutes: []"),
                    "backends[0].auth.token_url");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://svc:pa55@a'}]\nroutes: []"),
                    "backends[0].url must not hold user information (a user name or password before the host)");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', auth: {type: oauth_client_credentials,"
                    + " token_url: 'https://app:s3cret@idp.example.com/token', client_id: x, client_secret: y}}]"
                    + "\nroutes: []"), "backends[0].auth.token_url must not hold user information");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', max_connections: 0}]\nroutes: []"),
                    "backends[0].max_connections must be between 1 and 10000 but was 0");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', enabled: sometimes}]\nroutes: []"),
                    "backends[0].enabled must be true or false");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', mcp_path: 'mcp'}]\nroutes: []"),
                    "backends[0].mcp_path must start with '/' but was 'mcp'");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', mcp_path: '/m cp'}]\nroutes: []"),
                    "backends[0].mcp_path must be a URL path (percent-encode spaces");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', health_path: '/health|full'}]\nroutes: []"),
                    "backends[0].health_path must be a URL path");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', health_path: 'health'}]\nroutes: []"),
                    "backends[0].health_path must start with '/' (or be \"\" for a backend without a health page)"
                            + " but was 'health'");
            // "no page" is said of the health page only: a backend is always called at its MCP endpoint
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', mcp_path: ''}]\nroutes: []"),
                    "backends[0].mcp_path must start with '/' but was ''");
        }

        @Test
        void anEmptyHealthPathSaysTheBackendHasNoHealthPageAndNullKeepsTheDefault() throws IOException {
            GatewayConfig config = new ConfigLoader(OIDC).load(yaml("""
                    backends:
                      - {name: everything, url: 'http://everything:3001', health_path: ""}
                      - {name: other, url: 'http://other:3001', health_path: null}
                    routes: []
                    """));

            assertThat(config.backend("everything").orElseThrow().healthEndpoint()).isEmpty();
            assertThat(config.backend("other").orElseThrow().healthEndpoint())
                    .hasValue(URI.create("http://other:3001/health"));
        }
    }

    @Nested
    class BadConfigurationNamesTheSetting {

        @Test
        void urlsThatNoSocketCanReachOrThatHoldAnIssuersPasswordAreRefused() throws IOException {
            fails(env(OIDC, "MCP_SEARCH_SERVER_URL", "http://127.0.0.1:99999"), null,
                    "MCP_SEARCH_SERVER_URL must be an http(s) URL with a port from 1 to 65535 but was");
            fails(env(OIDC, "MCP_SEARCH_SERVER_URL", "http://127.0.0.1:0"), null, "with a port from 1 to 65535");
            fails(env(OIDC, "REDIS_URL", "redis://u:pw@[bad"), null, "REDIS_URL must be a redis:// or rediss:// URL");
            fails(env(OIDC, "REDIS_URL", "redis://u:pw@cache:notaport"), null, "must be a redis:// or rediss:// URL");
            // what the Redis client itself refuses when the gateway starts: a database after the port that is none
            for (String url : List.of("redis://:PW8@cache:6379/abc", "redis://:PW8@cache:6379/-1",
                    "redis://:PW8@cache:6379/99999999999")) {
                assertThatThrownBy(() -> new ConfigLoader(env(OIDC, "REDIS_URL", url)).load(null)).as(url)
                        .hasMessageStartingWith("REDIS_URL must be a redis:// or rediss:// URL")
                        .hasMessageContaining("the client refuses its").hasMessageNotContaining("PW8");
            }
            assertThat(new ConfigLoader(env(OIDC, "REDIS_URL", "redis://:pw@cache:6379/2?timeout=5s")).load(null)
                    .rateLimits().redisUrl()).isEqualTo("redis://:pw@cache:6379/2?timeout=5s");
            // a query or fragment would come before the paths the gateway appends (and may hold a key)
            assertThatThrownBy(() -> new ConfigLoader(env(OIDC, "MCP_SEARCH_SERVER_URL",
                    "http://search:8081/?api_key=QK42")).load(null))
                    .hasMessageStartingWith("MCP_SEARCH_SERVER_URL must not hold a query")
                    .hasMessageNotContaining("QK42");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a/#x'}]\nroutes: []"),
                    "backends[0].url must not hold a query ('?...') or a fragment ('#...')");
            fails(env(OIDC, "OIDC_ISSUER_URL", "https://idp.example.com/?tenant=1"), null,
                    "OIDC_ISSUER_URL must not hold a query");
            assertThat(new ConfigLoader(env(OIDC, "REDIS_URL", "rediss://:pw@cache:6380")).load(null).rateLimits()
                    .redisUrl()).isEqualTo("rediss://:pw@cache:6380");
            assertThatThrownBy(() -> new ConfigLoader(env(OIDC, "OIDC_ISSUER_URL", "http://u:IPW6@idp.example.com"))
                    .load(null)).hasMessageStartingWith("OIDC_ISSUER_URL must not hold user information")
                    .hasMessageNotContaining("IPW6");
            Path latin1 = dir.resolve("latin1.yaml");
            Files.write(latin1, "environment: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            fails(OIDC, latin1, "is not UTF-8 text");
        }

        @Test
        void aScopeWithASpaceInsideIsRefusedWhereverScopesAreGiven() throws IOException {
            fails(env(OIDC, "GATEWAY_ADMIN_SCOPES", "gateway admin"), null,
                    "GATEWAY_ADMIN_SCOPES: 'gateway admin' is not one scope");
            fails(OIDC, yaml("auth: {admin_scopes: ['ops \"x\"']}"), "auth.admin_scopes: 'ops \"x\"' is not one scope");
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a', required_scopes: ['read write']}]\nroutes: []"),
                    "backends[0].required_scopes: 'read write' is not one scope");
            fails(OIDC, yaml("routes: [{path: /x, backend: restaurant-search, tool: t, required_scopes: ['a b']}]"),
                    "routes[0].required_scopes: 'a b' is not one scope");
            assertThat(new ConfigLoader(env(OIDC, "GATEWAY_ADMIN_SCOPES", "gateway-admin,ops:reload")).load(null)
                    .auth().adminScopes()).containsExactly("gateway-admin", "ops:reload");
        }

        @Test
        void aLongestBackoffShorterThanTheFirstIsRefused() throws IOException {
            fails(OIDC, yaml("resilience: {initial_backoff_ms: 100, max_backoff_ms: 1}"),
                    "resilience.max_backoff_ms (1) must not be less than initial_backoff_ms (100)");
        }

        @Test
        void cognitoAndAGenericIssuerThatDisagreeStopStartUpNamingBoth() {
            fails(env(Map.of(), "COGNITO_USER_POOL_ID", "eu-west-1_AbC123", "OIDC_ISSUER_URL",
                    "https://idp.example.com", "OIDC_CLIENT_IDS", "app"), null,
                    "COGNITO_USER_POOL_ID and OIDC_ISSUER_URL name different issuers");
            String pool = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
            assertThat(new ConfigLoader(env(Map.of(), "COGNITO_USER_POOL_ID", "eu-west-1_AbC123", "OIDC_ISSUER_URL",
                    pool, "OIDC_CLIENT_IDS", "app")).load(null).auth().issuer()).isEqualTo(pool);
        }

        @Test
        void badRateLimitValuesAreRefused() throws IOException {
            fails(env(OIDC, "RATE_LIMIT_PER_MINUTE", "-1"), null,
                    "RATE_LIMIT_PER_MINUTE must be a whole number from 0 (off) to 1000000 but was '-1'");
            fails(env(OIDC, "RATE_LIMIT_BURST", "many"), null, "RATE_LIMIT_BURST must be a whole number");
            fails(env(OIDC, "REDIS_URL", "localhost:6379"), null, "REDIS_URL must be a redis:// or rediss:// URL");
            fails(OIDC, yaml("rate_limits: {routes: {/nope: {burst: 1}}}"), "unknown setting 'rate_limits.routes./nope'");
        }

        @Test
        void badCorsOriginsAreRefused() throws IOException {
            fails(env(OIDC, "CORS_ORIGINS", "https://app.example.com/path"), null,
                    "CORS_ORIGINS: 'https://app.example.com/path' is not * or an origin");
            fails(env(OIDC, "CORS_ORIGINS", "*, https://app.example.com"), null, "CORS_ORIGINS: * already allows");
            fails(OIDC, yaml("server: {cors_origins: [app.example.com]}"),
                    "server.cors_origins: 'app.example.com' is not * or an origin");
        }

        @Test
        void corsOriginsComeFromTheEnvironmentOrTheFile() throws IOException {
            assertThat(new ConfigLoader(env(OIDC, "CORS_ORIGINS", "https://a.example, http://[::1]:3000")).load(null)
                    .server().corsOrigins()).containsExactly("https://a.example", "http://[::1]:3000");
            assertThat(new ConfigLoader(env(OIDC, "CORS_ORIGINS", "")).load(null).server().corsOrigins()).isEmpty();
            assertThat(new ConfigLoader(OIDC).load(yaml("server: {cors_origins: ['http://localhost:5173']}"))
                    .server().corsOrigins()).containsExactly("http://localhost:5173");
            assertThat(new ConfigLoader(OIDC).load(null).server().corsOrigins()).containsExactly("*");
        }

        @Test
        void badResilienceValuesAreRefused() throws IOException {
            fails(OIDC, yaml("resilience: {max_attempts: 0}"), "resilience.max_attempts must be between 1 and 10 but was 0");
            fails(OIDC, yaml("cache: {enabled: maybe}"), "cache.enabled must be true or false");
        }


        @Test
        void missingIssuerIsRefused() {
            fails(Map.of("OIDC_CLIENT_IDS", "x"), null, "auth.issuer is required");
        }

        @Test
        void missingClientIdsAreRefused() {
            fails(Map.of("OIDC_ISSUER_URL", "https://id.example.com"), null, "auth.client_ids is required");
        }

        @Test
        void malformedCognitoPoolIsRefused() {
            fails(Map.of("COGNITO_USER_POOL_ID", "not-a-pool", "COGNITO_CLIENT_ID", "x"), null,
                    "COGNITO_USER_POOL_ID must look like us-east-1_AbC123xyz but was 'not-a-pool'");
        }

        @Test
        void thePoolNamesTheIssuersRegionWhereverTheGatewayRuns() {
            // AWS_REGION is the gateway's own region (AgentCore, ECS and Lambda set it), not necessarily the pool's
            assertThat(new ConfigLoader(Map.of("COGNITO_USER_POOL_ID", "us-east-1_abc", "AWS_REGION", "eu-west-1",
                    "COGNITO_CLIENT_ID", "x")).load(null).auth().issuer())
                    .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc");
        }

        @Test
        void issuerThatIsNotAUrlIsRefused() {
            fails(Map.of("OIDC_ISSUER_URL", "id.example.com", "OIDC_CLIENT_IDS", "x"), null,
                    "OIDC_ISSUER_URL must be an http(s) URL but was 'id.example.com'");
        }

        @Test
        void backendUrlThatIsNotAUrlIsRefused() throws IOException {
            fails(env(OIDC, "MCP_SEARCH_SERVER_URL", "ftp://x"), null, "MCP_SEARCH_SERVER_URL must be an http(s) URL");
            // malformed by the space in its password, which is not repeated all the same
            assertThatThrownBy(() -> new ConfigLoader(env(OIDC, "MCP_SEARCH_SERVER_URL",
                    "http://u:SECRET X2@127.0.0.1:8001")).load(null)).isInstanceOf(ConfigException.class)
                    .hasMessage("MCP_SEARCH_SERVER_URL must be an http(s) URL but was 'http://127.0.0.1:8001'");
            // where no backend takes it: a malformed one is refused all the same, a well-formed one said unused
            Path others = yaml("backends: [{name: other, url: \"http://127.0.0.1:7000\"}]\nroutes: []");
            fails(env(OIDC, "MCP_SEARCH_SERVER_URL", "not a url"), others, "MCP_SEARCH_SERVER_URL must be");
            try (CapturedLogs logs = CapturedLogs.of(BackendSettingsReader.class)) {
                new ConfigLoader(env(OIDC, "MCP_REASONING_SERVER_URL", "http://r:8082")).load(others);

                assertThat(logs.messages(Level.WARN)).singleElement().asString().isEqualTo("MCP_REASONING_SERVER_URL"
                        + " is set, but no backend is named 'restaurant-reasoning', the one it points elsewhere: it"
                        + " is not used");
            }
        }

        @Test
        void portOutOfRangeIsRefused() throws IOException {
            fails(OIDC, yaml("server: {port: 70000}"), "server.port must be between 0 and 65535 but was 70000");
            fails(env(OIDC, "GATEWAY_PORT", "eighty"), null, "GATEWAY_PORT must be a port between 0 and 65535");
        }

        @Test
        void aKeyRefreshIntervalNotShorterThanTheKeyCacheIsRefused() throws IOException {
            fails(OIDC, yaml("auth: {jwks_cache_seconds: 20}"), "auth.jwks_refresh_min_interval_seconds must be"
                    + " shorter than auth.jwks_cache_seconds (20) but was 30");
            fails(OIDC, yaml("auth: {jwks_cache_seconds: 60, jwks_refresh_min_interval_seconds: 60}"),
                    "auth.jwks_refresh_min_interval_seconds must be shorter than auth.jwks_cache_seconds (60) but was 60");
            assertThat(new ConfigLoader(OIDC).load(yaml("auth: {jwks_cache_seconds: 10,"
                    + " jwks_refresh_min_interval_seconds: 9}")).auth().jwksCacheTtl()).hasSeconds(10);
        }

        @Test
        void negativeLeewayIsRefused() throws IOException {
            fails(OIDC, yaml("auth: {leeway_seconds: -5}"), "auth.leeway_seconds must be between 0 and 600 but was -5");
        }

        @Test
        void unknownKeyIsRefusedWithASuggestion() throws IOException {
            fails(OIDC, yaml("auth: {leway_seconds: 5}"), "unknown setting 'auth.leway_seconds' (did you mean 'auth.leeway_seconds'?)");
            fails(OIDC, yaml("servers: {}"), "unknown setting 'servers' (did you mean 'server'?)");
        }

        @Test
        void wrongTypeIsRefused() throws IOException {
            fails(OIDC, yaml("server: {port: eighty}"), "server.port must be a whole number but was");
            fails(OIDC, yaml("server: 5"), "server must be a mapping of settings");
            fails(OIDC, yaml("- a"), "the configuration file must be a mapping of settings (key: value lines, as"
                    + " config/gateway.yaml), not a list");
            fails(OIDC, yaml("42"), "the configuration file must be a mapping of settings (key: value lines, as"
                    + " config/gateway.yaml), not a single value");
        }

        @Test
        void backendsOfOthersWithoutRoutesAreToldToGiveRoutesOrNone() throws IOException {
            fails(OIDC, yaml("backends: [{name: tools, url: \"http://tools\"}]"), "routes is not given, so the"
                    + " restaurant routes apply, and they call backend(s) [restaurant-search, restaurant-reasoning],"
                    + " which are not configured ([tools]): give routes of your own, or 'routes: []' for none");

            GatewayConfig none = new ConfigLoader(OIDC).load(yaml("""
                    backends: [{name: tools, url: "http://tools"}]
                    routes: []
                    """));
            assertThat(none.routes()).isEmpty();
            assertThat(none.backends()).extracting(BackendSettings::name).containsExactly("tools");
        }

        @Test
        void routeToAnUnknownBackendIsRefused() throws IOException {
            fails(OIDC, yaml("routes: [{path: /x, backend: nowhere, tool: t}]"),
                    "routes[0].backend 'nowhere' is not one of the configured backends");
        }

        @Test
        void duplicateRouteIsRefused() throws IOException {
            fails(OIDC, yaml("routes: [{path: /x, backend: restaurant-search, tool: t}, {path: /x, backend: restaurant-search, tool: u}]"),
                    "routes[1]: POST /x is configured twice");
        }

        @Test
        void duplicateBackendNameIsRefused() throws IOException {
            fails(OIDC, yaml("backends: [{name: a, url: 'http://a'}, {name: a, url: 'http://b'}]"),
                    "backends: the name 'a' is used twice");
        }

        @Test
        void unknownTokenUseIsRefused() throws IOException {
            fails(OIDC, yaml("auth: {token_uses: [refresh]}"), "auth.token_uses must name access and/or id");
        }

        @Test
        void aSecretWrittenInTheFileIsRefusedInProductionOnlyAndNotShown() throws IOException {
            String backend = "backends: [{name: a, url: 'http://a', auth: {type: bearer, token: sk-LITERAL}}]\n"
                    + "routes: []\n";

            assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("environment: production\n" + backend)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("backends[0].auth.token: a secret written in the configuration file is refused in"
                            + " production: put it in an environment variable and name that in token_env");
            assertThat(new ConfigLoader(OIDC).load(yaml(backend)).backends().get(0).credentials().type())
                    .isEqualTo("bearer");
            assertThat(new ConfigLoader(env(OIDC, "TOKEN", "sk-from-env")).load(yaml("environment: production\n"
                    + backend.replace("token: sk-LITERAL", "token_env: TOKEN"))).backends()).hasSize(1);
        }

        @Test
        void aRedisPasswordWrittenInTheFileIsRefusedInProductionOnlyAndNotShown() throws IOException {
            String limits = "rate_limits: {redis_url: 'redis://:R3disS3cret@redis:6379'}\n";

            assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("environment: production\n" + limits)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("rate_limits.redis_url: a password written in the configuration file is refused in"
                            + " production: give the URL in REDIS_URL, from a secret");
            assertThat(new ConfigLoader(OIDC).load(yaml(limits)).rateLimits().redisUrl()).contains("R3disS3cret");
            assertThat(new ConfigLoader(env(OIDC, "REDIS_URL", "redis://:fromSecret@redis:6379")).load(yaml(
                    "environment: production\n" + limits)).rateLimits().redisUrl()).contains("fromSecret");
            assertThat(new ConfigLoader(OIDC).load(yaml("environment: production\n"
                    + "rate_limits: {redis_url: 'redis://redis:6379'}\n")).rateLimits().redisUrl())
                    .as("no password: nothing secret in the file").isEqualTo("redis://redis:6379");
        }

        @Test
        void invalidYamlIsRefused() throws IOException {
            fails(OIDC, yaml("server: [unclosed"), "is not valid YAML");
        }

        @Test
        void aYamlAliasIsRefusedNotReadAsItsAnchorsName() throws IOException {
            // the tree reader took *ops for the text "ops": a route would have asked for a scope called "ops"
            fails(OIDC, yaml("""
                    x-scopes: &ops [tools/write]
                    backends: [{name: a, url: "http://a"}]
                    routes: [{path: /x, backend: a, tool: x, required_scopes: *ops}]
                    """), "uses a YAML alias (*ops) at line 3: aliases are not supported, write the value out");
        }

        @Test
        void aFileLargerThanAConfigurationIsRefusedUnread() throws IOException {
            Path huge = yaml("environment: development\n# " + "x".repeat((int) ConfigLoader.MAX_CONFIG_BYTES) + "\n");
            fails(OIDC, huge, "is larger than 1024 KiB");
        }

        @Test
        void aKeyGivenTwiceIsRefusedNotSettledByTheLast() throws IOException {
            fails(OIDC, yaml("auth:\n  issuer: https://a.example\n  issuer: https://evil.example\n"),
                    "is not valid YAML at line 3, column 9: Duplicate Object property \"issuer\"");
        }

        @Test
        void aYamlErrorIsPlacedByLineWithoutQuotingTheLinesAroundIt() throws IOException {
            assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("auth:\n  secret: hunter2: oops\n")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("is not valid YAML at line")
                    .hasMessageNotContaining("hunter2");
        }

        @Test
        void aYamlSyntaxErrorIsPlacedWhereItIsAndSaysWhatWasFound() throws IOException {
            // Jackson's message kept the context alone ("while scanning for the next token"), placed on line 2
            fails(OIDC, yaml("server:\n  port: 18500\n\tdrain_ms: 5\n"), "is not valid YAML at line 3, column 1:"
                    + " found character '\\t(TAB)' that cannot start any token");
            fails(OIDC, yaml("auth:\n  issuer: 'https://a.example\n"), "is not valid YAML at line 3, column 1:"
                    + " found unexpected end of stream (while scanning a quoted scalar that began at line 2,");
        }

        @Test
        void missingFileIsRefused() {
            fails(OIDC, dir.resolve("absent.yaml"), "is not a readable file");
        }
    }

    /** The {@code environment} setting, the comparison a reload makes, and reading a configuration again. */
    @Nested
    class EnvironmentAndRereading {

        @Test
        void theEnvironmentIsDevelopmentUnlessTheFileOrTheVariableSaysOtherwise() throws IOException {
            assertThat(new ConfigLoader(OIDC).load(null).environment()).isEqualTo(Environment.DEVELOPMENT);
            Path file = yaml("environment: Production\n");
            assertThat(new ConfigLoader(OIDC).load(file).environment()).isEqualTo(Environment.PRODUCTION);
            assertThat(new ConfigLoader(env(OIDC, "ENVIRONMENT", " staging ")).load(file).environment())
                    .isEqualTo(Environment.STAGING);
            assertThat(Environment.PRODUCTION.label()).isEqualTo("production");
        }

        @Test
        void anUnknownEnvironmentNamesTheSettingAndTheChoices() throws IOException {
            assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("environment: prod\n")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("environment must be one of [development, staging, production, test] but was 'prod'");
            assertThatThrownBy(() -> new ConfigLoader(env(OIDC, "ENVIRONMENT", "live")).load(null))
                    .hasMessageStartingWith("ENVIRONMENT must be one of");
            assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("environment: [production]\n")))
                    .hasMessageContaining("environment");
        }

        @Test
        void theSameFileReadTwiceIsTheSameConfigurationAndAnEditNamesItsSection() throws IOException {
            Path file = yaml("""
                    environment: staging
                    rate_limits: {per_minute: 100, burst: 10}
                    cache: {ttl_seconds: 60}
                    """);
            GatewayConfig first = new ConfigLoader(OIDC).load(file);
            GatewayConfig again = new ConfigLoader(OIDC).load(file);

            assertThat(again).isEqualTo(first);
            assertThat(again.sectionsChangedFrom(first)).isEmpty();
            GatewayConfig otherBackend = new ConfigLoader(env(OIDC, "MCP_SEARCH_SERVER_URL", "http://search:9000"))
                    .load(file);
            assertThat(otherBackend.sectionsChangedFrom(first)).containsExactly("backends");

            GatewayConfig edited = new ConfigLoader(OIDC).load(yaml("""
                    environment: production
                    rate_limits: {per_minute: 100, burst: 10}
                    cache: {ttl_seconds: 30}
                    """));
            assertThat(edited.sectionsChangedFrom(first)).containsExactly("environment", "cache");
        }

        @Test
        void aSourceReadsTheFileAgainAndReportsEveryProblemOfABrokenOne() throws IOException {
            Path file = yaml("environment: test\n");
            ConfigSource source = ConfigSource.of(new ConfigLoader(OIDC), file,
                    config -> config.withServer(config.server().withPort(9999)));

            ConfigSource.Reading reading = source.read();
            assertThat(reading.valid()).isTrue();
            assertThat(reading.config().environment()).isEqualTo(Environment.TEST);
            assertThat(reading.config().server().port()).isEqualTo(9999);

            Files.writeString(file, "environment: nowhere\nserver: {port: -1}\n");
            ConfigSource.Reading broken = source.read();
            assertThat(broken.valid()).isFalse();
            assertThat(broken.config()).isNull();
            assertThat(broken.problems()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("environment must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("server.port"));

            Files.delete(file);
            assertThat(source.read().problems()).singleElement().asString().contains("is not a readable file");
        }

        @Test
        void aFixedSourceGivesItsConfigurationEveryTime() {
            GatewayConfig config = new ConfigLoader(OIDC).load(null);
            assertThat(ConfigSource.fixed(config).read().config()).isSameAs(config);
        }
    }
}
