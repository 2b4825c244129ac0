package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentWarningsTest {

    private static GatewayConfig load(String... env) {
        Map<String, String> variables = new HashMap<>(Map.of("OIDC_CLIENT_IDS", "app"));
        for (int i = 0; i < env.length; i += 2) {
            variables.put(env[i], env[i + 1]);
        }
        return new ConfigLoader(variables).load(null);
    }

    @Test
    void aLaptopConfigurationIsFineForDevelopmentAndTestButNotForProduction() {
        GatewayConfig laptop = load("OIDC_ISSUER_URL", "http://127.0.0.1:9000", "RATE_LIMIT_PER_MINUTE", "0",
                "RATE_LIMIT_BURST", "0");

        assertThat(EnvironmentWarnings.of(laptop, Environment.DEVELOPMENT, "DEBUG", "JSON")).isEmpty();
        assertThat(EnvironmentWarnings.of(laptop, Environment.TEST, "TRACE", "JSON")).isEmpty();
        assertThat(EnvironmentWarnings.of(laptop, Environment.STAGING, "DEBUG", "JSON")).containsExactly(
                "auth.issuer http://127.0.0.1:9000 is plain HTTP: the keys that sign tokens should come over HTTPS"
                        + " in staging");
        List<String> production = EnvironmentWarnings.of(laptop, Environment.PRODUCTION, "DEBUG", null);
        assertThat(production).hasSize(8);
        assertThat(production).anySatisfy(w -> assertThat(w).startsWith("auth.issuer http://127.0.0.1:9000"))
                .contains("The log level is DEBUG: production logs should be INFO or above",
                        "rate_limits are off: one caller can take the whole capacity of the gateway")
                .anySatisfy(w -> assertThat(w).startsWith("server.cors_origins allows every origin"))
                .anySatisfy(w -> assertThat(w).startsWith("server.drain_ms is 0"))
                .contains("auth.admin_scopes is empty: any caller with a token can reload the configuration")
                .contains("Logs are text: production log collectors read one JSON object a line; set LOG_FORMAT=JSON"
                        + " (the container image does)")
                .anySatisfy(w -> assertThat(w).startsWith("mcp.resource_url is unset"));
    }

    @Test
    void limitsCountedPerInstanceAreWarnedOfInProduction() {
        GatewayConfig local = productionReady(load("OIDC_ISSUER_URL", "https://id.example.com", "CORS_ORIGINS",
                "https://app.example.com", "GATEWAY_ADMIN_SCOPES", "gateway-admin"));
        GatewayConfig shared = productionReady(load("OIDC_ISSUER_URL", "https://id.example.com", "CORS_ORIGINS",
                "https://app.example.com", "GATEWAY_ADMIN_SCOPES", "gateway-admin", "REDIS_URL", "redis://redis:6379"));

        assertThat(EnvironmentWarnings.of(local, Environment.PRODUCTION, "INFO", "JSON")).containsExactly(
                "rate_limits are counted per instance (no REDIS_URL or rate_limits.redis_url): with several instances"
                        + " behind a load balancer each caller gets the limits once per instance");
        assertThat(EnvironmentWarnings.of(shared, Environment.PRODUCTION, "INFO", "JSON")).isEmpty();
        assertThat(EnvironmentWarnings.of(local, Environment.STAGING, "INFO", "JSON")).isEmpty();
    }

    @Test
    void anOAuthMetadataUrlDerivedFromEachRequestIsWarnedOfInProduction() {
        GatewayConfig ready = productionReady(load("OIDC_ISSUER_URL", "https://id.example.com", "CORS_ORIGINS",
                "https://app.example.com", "GATEWAY_ADMIN_SCOPES", "gateway-admin", "REDIS_URL", "redis://r:6379"));
        GatewayConfig derived = ready.withMcp(ready.mcp().withResourceUrl(null));

        assertThat(EnvironmentWarnings.of(derived, Environment.PRODUCTION, "INFO", "JSON")).singleElement().asString()
                .startsWith("mcp.resource_url is unset: the OAuth metadata of /mcp names the URL each request came to");
    }

    /** {@code config} with what production asks and the environment cannot set: a drain, a public /mcp URL. */
    private static GatewayConfig productionReady(GatewayConfig config) {
        return config.withServer(config.server().withDrain(java.time.Duration.ofSeconds(10)))
                .withMcp(config.mcp().withResourceUrl("https://gateway.example.com/mcp"));
    }

    @Test
    void signingKeysOverPlainHttpAreWarnedOfWhereverTheyAreNamed() {
        GatewayConfig ready = productionReady(load("OIDC_ISSUER_URL", "https://id.example.com", "CORS_ORIGINS",
                "https://app.example.com", "GATEWAY_ADMIN_SCOPES", "gateway-admin", "REDIS_URL", "redis://r:6379"));
        AuthSettings auth = ready.auth();
        GatewayConfig clearKeys = new GatewayConfig(ready.server(), new AuthSettings(auth.issuer(),
                java.net.URI.create("http://keys.example.com/jwks.json"), auth.clientIds(), auth.tokenUses(),
                auth.leeway(), auth.jwksCacheTtl(), auth.jwksRefreshMinInterval(), auth.adminScopes()),
                ready.backends(), ready.routes(), ready.health(), ready.rateLimits(), ready.resilience(),
                ready.cache(), ready.mcp(), ready.tools(), ready.environment());

        assertThat(EnvironmentWarnings.of(clearKeys, Environment.PRODUCTION, "INFO", "JSON")).singleElement()
                .asString().startsWith("auth.jwks_uri http://keys.example.com/jwks.json is plain HTTP: anyone on its"
                        + " path could put in a key of their own and sign any token");
    }

    @Test
    void aProductionReadyConfigurationHasNoWarning() {
        GatewayConfig ready = productionReady(load("OIDC_ISSUER_URL", "https://id.example.com", "CORS_ORIGINS",
                "https://app.example.com", "GATEWAY_ADMIN_SCOPES", "gateway-admin", "REDIS_URL", "redis://r:6379"));

        assertThat(EnvironmentWarnings.of(ready, Environment.PRODUCTION, "INFO", "JSON")).isEmpty();
        assertThat(EnvironmentWarnings.of(ready, Environment.PRODUCTION, "TRACE", "JSON"))
                .containsExactly("The log level is TRACE: production logs should be INFO or above");
    }

    @Test
    void limitsOfOneRouteAndADisabledTwinAreNotWarnedOf() {
        GatewayConfig config = load("OIDC_ISSUER_URL", "https://id.example.com", "CORS_ORIGINS",
                "https://app.example.com", "RATE_LIMIT_PER_MINUTE", "0", "RATE_LIMIT_BURST", "0",
                "GATEWAY_ADMIN_SCOPES", "ops");
        BackendSettings b = config.backends().get(0);
        BackendSettings disabledTwin = new BackendSettings("restaurant-search-old", b.url(), b.mcpPath(),
                b.healthPath(), false, b.connectTimeout(), b.requestTimeout(), b.totalTimeout(), b.pool(),
                b.credentials(), b.requiredScopes(), b.sendCaller());
        config = new GatewayConfig(productionReady(config).server(), config.auth(),
                List.of(b, config.backends().get(1), disabledTwin), config.routes(), config.health(),
                new RateLimitSettings(0, 0, RateLimitSettings.DEFAULT_BURST_WINDOW, null,
                        Map.of("/api/v1/restaurants/recommend", new RateLimitSettings.RouteLimit(10, 0))),
                config.resilience(), config.cache(), productionReady(config).mcp(), config.tools(),
                config.environment());

        assertThat(EnvironmentWarnings.of(config, Environment.PRODUCTION, "INFO", "JSON")).containsExactly(
                "rate_limits are counted per instance (no REDIS_URL or rate_limits.redis_url): with several instances"
                        + " behind a load balancer each caller gets the limits once per instance");
    }

    @Test
    void twoBackendsOnOneEndpointAreNamed() {
        // (a URL with a password is refused by the loader: no warning can show one)
        GatewayConfig twice = load("OIDC_ISSUER_URL", "https://id.example.com", "MCP_SEARCH_SERVER_URL",
                "http://tools:8080/", "MCP_REASONING_SERVER_URL", "http://tools:8080");

        assertThat(EnvironmentWarnings.of(twice, Environment.DEVELOPMENT, "INFO", "JSON")).singleElement().asString()
                .startsWith("Backends 'restaurant-search' and 'restaurant-reasoning' have the same MCP endpoint")
                .contains("http://tools:8080");
    }

    @Test
    void aTotalTimeoutShorterThanTheRequestTimeoutIsNamedInEveryEnvironment() {
        GatewayConfig config = load("OIDC_ISSUER_URL", "https://id.example.com");
        BackendSettings b = config.backends().get(0);
        BackendSettings hurried = new BackendSettings(b.name(), b.url(), b.mcpPath(), b.healthPath(), true,
                b.connectTimeout(), java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(10), b.pool(),
                b.credentials(), b.requiredScopes(), b.sendCaller());
        config = new GatewayConfig(config.server(), config.auth(), List.of(hurried, config.backends().get(1)),
                config.routes(), config.health(), config.rateLimits(), config.resilience(), config.cache(),
                config.mcp(), config.tools(), config.environment());

        assertThat(EnvironmentWarnings.of(config, Environment.DEVELOPMENT, "INFO", "JSON")).containsExactly(
                "Backend 'restaurant-search': total_timeout_ms (10) is shorter than request_timeout_ms (1000): every"
                        + " call ends at the total, with no time for a retry");
    }
}
