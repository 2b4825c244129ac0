package io.mcpgateway.app;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.ReloadingGateway;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.ConfigSource;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway and both MCP servers driven by the official MCP TypeScript client of MCP 2026-07-28 (SDK v2,
 * {@code interop/ts-client-modern/client.mjs}): a client of the stateless revision, written by someone else,
 * discovers, lists, calls and subscribes, with the version pinned and with its automatic negotiation. Skips, with the
 * reason printed, when {@code node} is not on the PATH or {@code npm ci} has not been run there.
 */
@Timeout(240)
class TypeScriptModernClientInteropIntegrationTest {

    private static final String VERSION = "2026-07-28";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String SEARCH_CENTRAL = "{\"name\":\"search_restaurants_by_district\","
            + "\"arguments\":{\"districts\":[\"Central district\"],\"limit\":1}}";

    @TempDir
    static Path scratch;

    private static Path clientDir;
    private static McpServerHost search;
    private static McpServerHost reasoning;
    private static DevIdentityProvider idp;
    private static ReloadingGateway gateway;
    private static Path configFile;
    private static String twoCentralRestaurants;

    @BeforeAll
    static void startServers() throws IOException {
        clientDir = ExternalProcess.checkoutDirectory("interop/ts-client-modern", "client.mjs");
        ExternalProcess.skipUnless(ExternalProcess.nodeMajorVersion() >= 20,
                "no `node` of version 20 or later on the PATH; the TypeScript SDK v2 client needs it");
        ExternalProcess.skipUnless(Files.isDirectory(clientDir.resolve("node_modules/@modelcontextprotocol/client")),
                "the TypeScript client's packages are not installed; run `cd " + clientDir + " && npm ci`");

        DataSet dataSet = new DataSetLoader(MAPPER, Clock.systemUTC())
                .load(new DirectoryDataSource(TestDataSets.hongKong()));
        var central = dataSet.catalog().byExactName("Central district").orElseThrow();
        twoCentralRestaurants = MAPPER.writeValueAsString(MAPPER.convertValue(dataSet.restaurantsOf(central),
                new TypeReference<List<Map<String, Object>>>() { }).subList(0, 2));
        search = SearchServer.start(McpServerConfig.local(0), dataSet, PageRequest.DEFAULT_MAX_PAGE_SIZE, MAPPER,
                Clock.systemUTC());
        reasoning = ReasoningServer.start(McpServerConfig.local(0), MAPPER, Clock.systemUTC());
        idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), Clock.systemUTC(), MAPPER);
        configFile = Files.writeString(scratch.resolve("gateway.yaml"), "tools: {refresh_interval_seconds: 300}\n");
        gateway = ReloadingGateway.start(ConfigSource.of(new ConfigLoader(environment()), configFile,
                UnaryOperator.identity()), MAPPER, Clock.systemUTC());
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable part : new AutoCloseable[] {gateway, idp, search, reasoning}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void throughTheGatewayThePinnedClientDiscoversListsAndCallsEveryBackendsTools() {
        String report = run(gatewayUrl(), token(), "{\"calls\":[" + SEARCH_CENTRAL + ",{\"name\":"
                + "\"analyze_restaurant_sentiment\",\"arguments\":{\"restaurants\":" + twoCentralRestaurants + "}}]}");

        assertThatJson(report).inPath("protocolVersion").isEqualTo(VERSION);
        assertThatJson(report).inPath("era").isEqualTo("modern");
        assertThatJson(report).inPath("serverInfo.name").isEqualTo("mcp-tools-gateway");
        assertThatJson(report).inPath("capabilities.tools.listChanged").isEqualTo(true);
        assertThatJson(report).inPath("tools").isArray().hasSize(6).contains("list_districts", "recommend_restaurants");
        assertThatJson(report).inPath("calls[0].isError").isEqualTo(false);
        assertThatJson(report).inPath("calls[0].structuredContent.data.total_count").isEqualTo(63);
        assertThatJson(report).inPath("calls[1].structuredContent.data.sentiment_analysis.restaurant_count")
                .isEqualTo(2);
    }

    @Test
    void theClientsOwnNegotiationFindsTheGatewaysModernEra() {
        String report = run(gatewayUrl(), token(), "{\"negotiation\":\"auto\",\"calls\":[" + SEARCH_CENTRAL + "]}");

        assertThatJson(report).inPath("era").isEqualTo("modern");
        assertThatJson(report).inPath("protocolVersion").isEqualTo(VERSION);
        assertThatJson(report).inPath("calls[0].structuredContent.data.total_count").isEqualTo(63);
    }

    @Test
    void bothMcpServersServeTheModernClientDirectly() {
        String searched = run("http://127.0.0.1:" + search.port() + "/mcp", null,
                "{\"calls\":[" + SEARCH_CENTRAL + ",{\"name\":\"search_restaurants_by_district\","
                        + "\"arguments\":{\"districts\":[\"Atlantis\"]}}]}");
        String reasoned = run("http://127.0.0.1:" + reasoning.port() + "/mcp", null, "{\"calls\":[{\"name\":"
                + "\"recommend_restaurants\",\"arguments\":{\"restaurants\":" + twoCentralRestaurants + "}}]}");

        assertThatJson(searched).inPath("era").isEqualTo("modern");
        assertThatJson(searched).inPath("serverInfo.name").isEqualTo("restaurant-search-mcp");
        assertThatJson(searched).inPath("tools").isArray().hasSize(4);
        assertThatJson(searched).inPath("calls[0].structuredContent.data.total_count").isEqualTo(63);
        assertThatJson(searched).as("a domain refusal is a tool error").inPath("calls[1].isError").isEqualTo(true);
        assertThatJson(searched).inPath("calls[1].structuredContent.error.type").isEqualTo("ValidationError");
        assertThatJson(reasoned).inPath("era").isEqualTo("modern");
        assertThatJson(reasoned).inPath("calls[0].structuredContent.data.recommendation.rank").isEqualTo(1);
    }

    @Test
    void aSubscriptionIsHonouredAndEndsAsTheClientExpectsOnAReload() throws Exception {
        try (Running client = Running.start(gatewayUrl(), token(), "{\"listen\":{\"waitMs\":60000}}")) {
            assertThatJson(client.nextLine()).inPath("subscribed").isEqualTo("{\"toolsListChanged\":true}");

            Files.writeString(configFile, "tools: {refresh_interval_seconds: 301}\n");
            assertThat(reload()).isEqualTo(200);

            String report = client.nextLine();
            assertThatJson(report).as("told of a change, then ended without a result: subscribe again")
                    .inPath("subscription").isEqualTo("{\"honoured\":{\"toolsListChanged\":true},\"listChanged\":1,"
                            + "\"closed\":\"remote\"}");
            assertThat(client.exitCode()).isZero();
        }
        String again = run(gatewayUrl(), token(), "{\"listen\":{\"waitMs\":500}}");
        assertThatJson(again).as("the new gateway takes a new subscription").inPath("subscription.honoured")
                .isEqualTo("{\"toolsListChanged\":true}");
    }

    @Test
    void aStoppingGatewayEndsASubscriptionGracefully() throws Exception {
        GatewayServer stopping = GatewayServer.start(new ConfigLoader(environment()).load(null), MAPPER,
                Clock.systemUTC());
        try (Running client = Running.start("http://127.0.0.1:" + stopping.port() + "/mcp", token(),
                "{\"listen\":{\"waitMs\":60000}}")) {
            assertThatJson(client.nextLine()).inPath("subscribed").isEqualTo("{\"toolsListChanged\":true}");
            stopping.close();
            assertThatJson(client.nextLine()).inPath("subscription.closed").isEqualTo("graceful");
            assertThat(client.exitCode()).isZero();
        } finally {
            stopping.close();
        }
    }

    private static Map<String, String> environment() {
        return Map.of("OIDC_ISSUER_URL", idp.issuer(), "OIDC_CLIENT_IDS", DevIdpConfig.DEFAULT_CLIENT_ID,
                "MCP_SEARCH_SERVER_URL", "http://127.0.0.1:" + search.port(),
                "MCP_REASONING_SERVER_URL", "http://127.0.0.1:" + reasoning.port(), "GATEWAY_PORT", "0");
    }

    private static String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port() + "/mcp";
    }

    private static String token() {
        return idp.issueAccessToken(DevIdpConfig.DEFAULT_CLIENT_ID, List.of("restaurants/read"),
                Duration.ofMinutes(5));
    }

    private static int reload() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                    + "/config/reload")).header("Authorization", "Bearer " + token())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
    }

    /** Runs the client to its end and returns its report, after checking that it exited cleanly. */
    private static String run(String url, String bearerToken, String plan) {
        ExternalProcess run = ExternalProcess.run(command(url, bearerToken, plan), CLIENT_TIMEOUT, scratch);
        assertThat(run.finished()).as("the client finished; stderr: %s", run.stderr()).isTrue();
        assertThat(run.exitCode()).as("the client's exit status; stderr: %s", run.stderr()).isZero();
        String[] lines = run.stdout().strip().split("\n");
        return lines[lines.length - 1];
    }

    private static ProcessBuilder command(String url, String bearerToken, String plan) {
        ProcessBuilder builder = new ProcessBuilder("node", "client.mjs", url, plan).directory(clientDir.toFile());
        if (bearerToken != null) {
            builder.environment().put("MCP_BEARER_TOKEN", bearerToken);
        }
        return builder;
    }

    /** A client left running while the test acts, its output read line by line as it comes. */
    private record Running(Process process, BlockingQueue<String> lines, Path stderr) implements AutoCloseable {

        static Running start(String url, String bearerToken, String plan) throws IOException {
            Path stderr = scratch.resolve("client-" + System.nanoTime() + ".err"); // what a failing assertion shows
            Process process = command(url, bearerToken, plan).redirectError(stderr.toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException e) {
                    // the process was killed
                }
            });
            return new Running(process, lines, stderr);
        }

        String nextLine() throws InterruptedException {
            String line = lines.poll(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).as("a line from the client within %s; its stderr: %s", CLIENT_TIMEOUT, errors())
                    .isNotNull();
            return line;
        }

        private String errors() {
            try {
                return Files.exists(stderr) ? Files.readString(stderr) : "";
            } catch (IOException e) {
                return e.toString();
            }
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
