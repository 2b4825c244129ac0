package io.mcpgateway.app;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of a backend of MCP 2026-07-28 only, made with the official MCP TypeScript server SDK (v2,
 * {@code interop/ts-server-modern/server.mjs}): the gateway finds the backend's era from its refusal, calls its tool
 * with the revision's {@code _meta} and headers (the argument the tool mirrors into {@code Mcp-Param-Region}, which
 * the SDK checks against the body, in base64 when it is not plain ASCII), serves it to REST callers and MCP clients of
 * both eras, and hears of its tool list changes on a {@code subscriptions/listen} stream. Skips, with the reason
 * printed, when {@code node} is not on the PATH or {@code npm ci} has not been run there.
 */
@Timeout(180)
class TypeScriptModernServerInteropIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    @TempDir
    static Path scratch;

    private static Process backend;
    private static int backendPort;
    private static DevIdentityProvider idp;
    private static GatewayServer gateway;

    @BeforeAll
    @Timeout(90) // the class's timeout does not cover it: a server that never prints its port must not hang the run
    static void start() throws IOException {
        Path serverDir = ExternalProcess.checkoutDirectory("interop/ts-server-modern", "server.mjs");
        ExternalProcess.skipUnless(ExternalProcess.nodeMajorVersion() >= 20,
                "no `node` of version 20 or later on the PATH; the TypeScript SDK v2 server needs it");
        ExternalProcess.skipUnless(Files.isDirectory(serverDir.resolve("node_modules/@modelcontextprotocol/server")),
                "the TypeScript server's packages are not installed; run `cd " + serverDir + " && npm ci`");
        backend = new ProcessBuilder("node", "server.mjs", "0").directory(serverDir.toFile())
                .redirectError(scratch.resolve("server.err").toFile()).start();
        String listening = new BufferedReader(new InputStreamReader(backend.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(listening).as("the server's first line; stderr: %s", Files.exists(scratch.resolve("server.err"))
                ? Files.readString(scratch.resolve("server.err")) : "").isNotNull();
        backendPort = MAPPER.readTree(listening).get("port").asInt();

        idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), Clock.systemUTC(), MAPPER);
        Path config = Files.writeString(scratch.resolve("gateway.yaml"), """
                auth: {issuer: "%s", client_ids: [%s]}
                backends: [{name: places, url: "http://127.0.0.1:%d"}]
                routes: [{path: /api/v1/locate, backend: places, tool: locate}]
                """.formatted(idp.issuer(), DevIdpConfig.DEFAULT_CLIENT_ID, backendPort));
        gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config), MAPPER,
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (idp != null) {
            idp.close();
        }
        if (backend != null) {
            backend.getOutputStream().close(); // its standard input ends: it stops
            if (!backend.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                backend.destroyForcibly();
            }
        }
    }

    @Test
    void restCallersReachTheToolWithTheirArgumentMirroredIntoAHeaderAsciiOrNot() throws Exception {
        for (String region : List.of("Kowloon", "Ōsaka 大阪")) {
            HttpResponse<String> response = post("/api/v1/locate", "{\"region\":\"" + region + "\"}");

            assertThat(response.statusCode()).as(region + ": " + response.body()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data").isEqualTo(Map.of("region", region, "continent", "Asia"));
        }
    }

    @Test
    void mcpClientsOfBothErasReachItThroughTheGateway() throws Exception {
        String call = "\"name\":\"locate\",\"arguments\":{\"region\":\"Lantau\"}";
        HttpResponse<String> legacy = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{" + call + "}}", "MCP-Protocol-Version", "2025-11-25");
        HttpResponse<String> modern = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{" + call + "," + META + "}}", "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "tools/call", "Mcp-Name", "locate", "Mcp-Param-Region", "Lantau");

        assertThatJson(legacy.body()).inPath("result.structuredContent.data.region").isEqualTo("Lantau");
        assertThatJson(legacy.body()).as("the revision's member is not passed to an earlier client")
                .inPath("result").isObject().doesNotContainKey("resultType");
        assertThatJson(modern.body()).inPath("result.structuredContent.data.region").isEqualTo("Lantau");
        assertThatJson(modern.body()).inPath("result.resultType").isEqualTo("complete");
    }

    @Test
    void aChangeTheServerAnnouncesReachesTheGatewaysToolList() throws Exception {
        assertThat(toolList()).contains("version 1");
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backendPort + "/change"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
        // the backend has a health page, so no probe reads its list: only the subscription tells of the change
        await().atMost(Duration.ofSeconds(10)).until(() -> toolList().contains("version 2"));
    }

    private static String toolList() throws Exception {
        return post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}").body();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        String token = idp.issueAccessToken(DevIdpConfig.DEFAULT_CLIENT_ID, List.of(), Duration.ofMinutes(5));
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token, "Content-Type",
                "application/json", "Accept", "application/json, text/event-stream"));
        all.addAll(List.of(headers));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                    .headers(all.toArray(String[]::new)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
