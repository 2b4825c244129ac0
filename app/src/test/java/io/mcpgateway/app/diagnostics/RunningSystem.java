package io.mcpgateway.app.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchServer;
import io.mcpgateway.testsupport.TestDataSets;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code all} runs, started in this JVM on port 0 over the real data set: the development issuer, both MCP
 * servers and the gateway, configured by a YAML file like an operator's (backends probed every second, rate limits
 * off so load tests measure the gateway). Parts can be stopped to break it. A test class registers one with
 * {@code @RegisterExtension static final RunningSystem system = new RunningSystem();}: it starts before the class's
 * tests and stops after them.
 */
public final class RunningSystem implements BeforeAllCallback, AfterAllCallback {

    public static final String CLIENT_ID = DevIdpConfig.DEFAULT_CLIENT_ID;
    public static final String CLIENT_SECRET = DevIdpConfig.DEFAULT_CLIENT_SECRET;
    public static final String SCOPE = "restaurants/read";

    private DevIdentityProvider idp;
    private McpServerHost search;
    private McpServerHost reasoning;
    private GatewayServer gateway;
    private Path dir;
    private Path config;
    // Kept: a stopped server no longer knows its port, and tests still need the address it had.
    private int gatewayPort;
    private int searchPort;
    private int reasoningPort;
    /** @Nested classes see the extension too: the system starts with the outermost class and stops with it. */
    private int classes;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (classes++ > 0) {
            return;
        }
        JsonMapper mapper = Json.newMapper();
        Clock clock = Clock.systemUTC();
        DataSet data = new DataSetLoader(mapper, clock).load(new DirectoryDataSource(TestDataSets.hongKong()));
        idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), clock, mapper);
        search = SearchServer.start(McpServerConfig.local(0), data, PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper, clock);
        reasoning = ReasoningServer.start(McpServerConfig.local(0), mapper, clock);
        searchPort = search.port();
        reasoningPort = reasoning.port();
        dir = Files.createTempDirectory("running-system");
        config = Files.writeString(dir.resolve("gateway.yaml"), configYaml(idp.issuer(), searchPort, reasoningPort));
        gateway = GatewayServer.start(new ConfigLoader(Map.of()).load(config), mapper, clock);
        gatewayPort = gateway.port();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (--classes > 0) {
            return;
        }
        gateway.close();
        reasoning.close();
        search.close();
        idp.close();
        Files.delete(config);
        Files.delete(dir);
    }

    /** The gateway configuration an operator would write for these servers. */
    public static String configYaml(String issuer, int searchPort, int reasoningPort) {
        return """
                server: {port: 0}
                auth: {issuer: '%s', client_ids: [%s]}
                backends:
                  - {name: restaurant-search, url: 'http://127.0.0.1:%d'}
                  - {name: restaurant-reasoning, url: 'http://127.0.0.1:%d'}
                health: {probe_interval_seconds: 1}
                rate_limits: {per_minute: 0, burst: 0}
                """.formatted(issuer, CLIENT_ID, searchPort, reasoningPort);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String issuer() {
        return idp.issuer();
    }

    public String tokenEndpoint() {
        return idp.tokenEndpoint();
    }

    public String searchMcpUrl() {
        return "http://127.0.0.1:" + searchPort + "/mcp";
    }

    public String reasoningMcpUrl() {
        return "http://127.0.0.1:" + reasoningPort + "/mcp";
    }

    /** The gateway's configuration file. */
    public Path config() {
        return config;
    }

    public DevIdentityProvider idp() {
        return idp;
    }

    /** A token the gateway accepts, from the issuer, for the development client with the restaurant scope. */
    public String accessToken() {
        return idp.issueAccessToken(CLIENT_ID, List.of(SCOPE), Duration.ofMinutes(10));
    }

    /** Stops the reasoning server, as a crashed backend; the gateway goes on without it. */
    public void stopReasoning() {
        reasoning.close();
    }
}
