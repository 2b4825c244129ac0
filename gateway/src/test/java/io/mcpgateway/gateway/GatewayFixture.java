package io.mcpgateway.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchServer;
import io.mcpgateway.testsupport.TestDataSets;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system on free ports: a real OIDC server (mock-oauth2-server), both MCP servers over the real data set,
 * and the gateway configured through the environment variables operators use.
 */
public final class GatewayFixture implements AutoCloseable {

    public static final String CLIENT_ID = "gateway-tests";
    static final String ISSUER_ID = "default";

    public final JsonMapper mapper = Json.newMapper();
    final MockOAuth2Server oauth = new MockOAuth2Server();
    public final McpServerHost search;
    public final McpServerHost reasoning;
    public final ReloadingGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    public GatewayFixture() {
        this(Map.of());
    }

    public GatewayFixture(Map<String, String> extraEnv) {
        this(extraEnv, UnaryOperator.identity());
    }

    /** @param adjust changes the configuration read from the environment (settings only a file can give) */
    public GatewayFixture(Map<String, String> extraEnv, UnaryOperator<GatewayConfig> adjust) {
        this(extraEnv, null, adjust);
    }

    /** @param configFile the gateway's YAML file, read again on {@code POST /config/reload} */
    public GatewayFixture(Map<String, String> extraEnv, Path configFile) {
        this(extraEnv, configFile, UnaryOperator.identity());
    }

    private GatewayFixture(Map<String, String> extraEnv, Path configFile, UnaryOperator<GatewayConfig> adjust) {
        oauth.start();
        var dataSet = new DataSetLoader(mapper, Clock.systemUTC()).load(new DirectoryDataSource(TestDataSets.hongKong()));
        search = SearchServer.start(McpServerConfig.local(0), dataSet, PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper,
                Clock.systemUTC());
        reasoning = ReasoningServer.start(McpServerConfig.local(0), mapper, Clock.systemUTC());
        Map<String, String> env = new HashMap<>();
        env.put("OIDC_ISSUER_URL", issuer());
        env.put("OIDC_CLIENT_IDS", CLIENT_ID);
        env.put("MCP_SEARCH_SERVER_URL", "http://127.0.0.1:" + search.port());
        env.put("MCP_REASONING_SERVER_URL", "http://127.0.0.1:" + reasoning.port());
        env.put("GATEWAY_PORT", "0");
        // limits are per caller and every request here is alice's: tests of other things must not run into them
        env.put("RATE_LIMIT_BURST", "0");
        env.put("RATE_LIMIT_PER_MINUTE", "0");
        env.putAll(extraEnv);
        gateway = ReloadingGateway.start(ConfigSource.of(new ConfigLoader(env), configFile, adjust), mapper,
                Clock.systemUTC());
    }

    /** Stops the gateway the way SIGTERM does (drain, then graceful stop); the servers behind it keep running. */
    public void stopGateway() {
        gateway.close();
    }

    public String issuer() {
        String url = oauth.issuerUrl(ISSUER_ID).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An ID-token-like token for our client: {@code aud} = the client id. */
    public String token() {
        return oauth.issueToken(ISSUER_ID, "alice", CLIENT_ID, Map.of()).serialize();
    }

    /** An operator's token: it holds the default admin scope that reloading the configuration needs. */
    public String adminToken() {
        return oauth.issueToken(ISSUER_ID, "olivia", CLIENT_ID, Map.of("scope", "restaurants/read gateway-admin"))
                .serialize();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postWithToken(String path, String json) {
        return post(path, json, "Authorization", "Bearer " + token());
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        search.close();
        reasoning.close();
        oauth.shutdown();
    }
}
