package io.mcpgateway.gateway.backend;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.MirroredHeaders;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend that speaks only MCP 2026-07-28, as its specification has a server of that revision behave: it refuses
 * initialize and any request without the protocol's _meta and headers. The gateway finds that out from the first 400
 * and serves its tools to REST callers and to MCP clients of both eras.
 */
@Timeout(120)
class ModernBackendIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    /** A tool that mirrors its region argument into a header. */
    private static final Map<String, Object> TOOL = Map.of("name", "locate", "description", "Where a region is",
            "inputSchema", Map.of("type", "object", "properties", Map.of(
                    "region", Map.of("type", "string", "x-mcp-header", "Region")), "required", List.of("region")));

    @AutoClose("shutdown")
    private static MockOAuth2Server oauth;
    @AutoClose("stop")
    private static Javalin backend;
    @AutoClose
    private static GatewayServer gateway;
    /** What the backend was sent: each request's method, and the refusals it answered. */
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        oauth = new MockOAuth2Server();
        oauth.start();
        backend = modernOnlyServer(seen);
        Path config = Files.createTempFile("gateway", ".yaml");
        Files.writeString(config, """
                auth: {issuer: "%s", client_ids: [tests]}
                backends: [{name: places, url: "http://127.0.0.1:%d", health_path: ""}]
                routes: [{path: /api/v1/locate, backend: places, tool: locate}]
                """.formatted(oauth.issuerUrl("default").toString().replaceAll("/$", ""), backend.port()));
        gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config), MAPPER,
                Clock.systemUTC());
        Files.delete(config);
    }

    /** How the test's server behaves. */
    private enum Mode {
        /** Of 2026-07-28, checking the version first (-32022 for any other). */
        MODERN,
        /** Of 2026-07-28, checking _meta first (400 with -32602 for a request without it). */
        MODERN_META_FIRST,
        /** Of 2026-07-28, but the next request gets a proxy's HTML 400 page. */
        MODERN_BEHIND_A_HICCUP,
        /** Of the initialize era, keeping no sessions. */
        LEGACY
    }

    private static Javalin modernOnlyServer(List<String> log) {
        return server(log, new AtomicReference<>(Mode.MODERN));
    }

    private static Javalin server(List<String> log, AtomicReference<Mode> mode) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/mcp", ctx -> {
                switch (mode.get()) {
                    case LEGACY -> answerAsLegacy(ctx, log);
                    case MODERN_BEHIND_A_HICCUP -> {
                        mode.set(Mode.MODERN);
                        log.add("html 400");
                        ctx.status(400).contentType("text/html").result("<html>Request Header Too Large</html>");
                    }
                    case MODERN_META_FIRST -> {
                        if (MAPPER.readTree(ctx.body()).path("params").path("_meta").isMissingNode()) {
                            log.add("refused without _meta");
                            refuse(ctx, MAPPER.readTree(ctx.body()).get("id"), -32602, null);
                        } else {
                            answer(ctx, log);
                        }
                    }
                    case MODERN -> answer(ctx, log);
                }
            });
        }).start("127.0.0.1", 0);
    }

    private static void answerAsLegacy(Context ctx, List<String> seen) {
        JsonNode request = MAPPER.readTree(ctx.body());
        if (!"2025-06-18".equals(ctx.header("MCP-Protocol-Version"))) {
            seen.add("legacy refused " + ctx.header("MCP-Protocol-Version"));
            refuse(ctx, request.get("id"), -32600, null);
            return;
        }
        seen.add("legacy " + request.path("method").asString(""));
        send(ctx, 200, Map.of("jsonrpc", "2.0", "id", request.get("id"), "result", Map.of("tools", List.of(TOOL))));
    }

    /** The modern-only server: the checks its revision requires, then tools/list and tools/call. */
    private static void answer(Context ctx, List<String> seen) {
        JsonNode request = MAPPER.readTree(ctx.body());
        JsonNode id = request.get("id");
        String method = request.path("method").asString("");
        JsonNode meta = request.path("params").path("_meta");
        String version = ctx.header("MCP-Protocol-Version");
        if (!"2026-07-28".equals(version) || !"2026-07-28".equals(
                meta.path("io.modelcontextprotocol/protocolVersion").asString(""))) {
            seen.add("refused " + method + " " + version);
            refuse(ctx, id, -32022, Map.of("supported", List.of("2026-07-28"), "requested", String.valueOf(version)));
            return;
        }
        String name = request.path("params").path("name").asString("");
        String region = request.path("params").path("arguments").path("region").asString("");
        if (!meta.path("io.modelcontextprotocol/clientCapabilities").isObject()
                || !method.equals(ctx.header("Mcp-Method"))
                || method.equals("tools/call") && (!name.equals(MirroredHeaders.decode(ctx.header("Mcp-Name")))
                        || !region.equals(MirroredHeaders.decode(ctx.header("Mcp-Param-Region"))))) {
            seen.add("mismatch " + method);
            refuse(ctx, id, -32020, null);
            return;
        }
        seen.add(method);
        Object result = switch (method) {
            case "tools/list" -> Map.of("resultType", "complete", "tools", List.of(TOOL), "ttlMs", 0,
                    "cacheScope", "public");
            case "tools/call" -> Map.of("resultType", "complete", "content", List.of(Map.of("type", "text",
                    "text", "in " + region)), "structuredContent", Map.of("success", true,
                    "data", Map.of("region", region, "continent", "Asia")));
            default -> null;
        };
        if (result == null) {
            send(ctx, 404, Map.of("jsonrpc", "2.0", "id", id, "error", Map.of("code", -32601,
                    "message", "Method not found")));
            return;
        }
        send(ctx, 200, Map.of("jsonrpc", "2.0", "id", id, "result", result));
    }

    private static void send(Context ctx, int status, Map<String, Object> message) {
        ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(message));
    }

    private static void refuse(Context ctx, JsonNode id, int code, Object data) {
        Map<String, Object> error = data == null ? Map.of("code", code, "message", "refused")
                : Map.of("code", code, "message", "refused", "data", data);
        send(ctx, 400, Map.of("jsonrpc", "2.0", "id", id == null ? "" : id, "error", error));
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        String token = oauth.issueToken("default", "carol", "tests", Map.of()).serialize();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theFirstRequestRefusedForItsFormIsSentAgainInTheBackendsOwnEitherWay() throws Exception {
        AtomicReference<Mode> mode = new AtomicReference<>(Mode.MODERN);
        withDirectClient(mode, (client, log) -> {
            assertThat(client.listTools(null).at("/tools/0/name").asString()).isEqualTo("locate");
            assertThat(log).containsExactly("refused tools/list 2025-06-18", "tools/list");
            assertThat(client.era().modern()).isTrue();

            mode.set(Mode.MODERN_BEHIND_A_HICCUP);
            log.clear();
            assertThatThrownBy(() -> client.listTools(null)).isInstanceOf(BackendFailure.class);
            assertThat(log).as("tried in the earlier form, which the backend refuses").containsExactly("html 400",
                    "refused tools/list 2025-06-18");
            assertThat(client.era().modern()).as("an error that is not the revision's is no evidence").isTrue();

            mode.set(Mode.LEGACY); // the backend is replaced by a server of the earlier era
            log.clear();
            assertThat(client.listTools(null).at("/tools/0/name").asString()).isEqualTo("locate");
            assertThat(log).containsExactly("legacy refused 2026-07-28", "legacy tools/list");
            assertThat(client.era().modern()).isFalse();
        });
    }

    @Test
    void aServerThatChecksMetaFirstIsTriedInTheNewFormAndBelievedWhenItAnswers() throws Exception {
        withDirectClient(new AtomicReference<>(Mode.MODERN_META_FIRST), (client, log) -> {
            assertThat(client.listTools(null).at("/tools/0/name").asString()).isEqualTo("locate");
            assertThat(log).containsExactly("refused without _meta", "tools/list");
            assertThat(client.era().modern()).isTrue();
        });
    }

    /** What a test does with a backend client of its own, and what the server was sent. */
    @FunctionalInterface
    private interface DirectUse {
        void accept(McpBackendClient client, List<String> log) throws Exception;
    }

    /** Runs {@code use} with a backend client, outside any gateway, of a server of its own in {@code mode}. */
    private static void withDirectClient(AtomicReference<Mode> mode, DirectUse use) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Javalin server = server(log, mode);
        BackendSettings settings = BackendSettings.withDefaults("direct", URI.create("http://127.0.0.1:"
                + server.port()));
        try (McpBackendClient client = new McpBackendClient(settings, new BackendConnections(settings), Map::of,
                MAPPER)) {
            use.accept(client, log);
        } finally {
            server.stop();
        }
    }

    @Test
    void itsToolIsServedToRestCallersAndToMcpClientsOfBothEras() throws Exception {
        HttpResponse<String> rest = post("/api/v1/locate", "{\"region\":\"Kowloon \\u4e5d\\u9f8d\"}");
        HttpResponse<String> legacy = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"locate\",\"arguments\":{\"region\":\"Sha Tin\"}}}");
        HttpResponse<String> modern = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"locate\",\"arguments\":{\"region\":\"Tai Po\"},\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}", "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "tools/call", "Mcp-Name", "locate", "Mcp-Param-Region", "Tai Po");

        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThatJson(rest.body()).inPath("data.continent").isEqualTo("Asia");
        assertThatJson(rest.body()).as("a value outside ASCII travels in base64 and arrives whole")
                .inPath("data.region").isEqualTo("Kowloon \u4e5d\u9f8d");
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThatJson(legacy.body()).inPath("result.structuredContent.data.region").isEqualTo("Sha Tin");
        assertThatJson(legacy.body()).as("passed on as the earlier revisions have results").inPath("result")
                .isObject().doesNotContainKey("resultType");
        assertThat(modern.statusCode()).isEqualTo(200);
        assertThatJson(modern.body()).inPath("result.structuredContent.data.region").isEqualTo("Tai Po");
        assertThat(modern.body()).as("the backend's own resultType, not a second one")
                .containsOnlyOnce("\"resultType\"");
        List<String> sent = List.copyOf(seen);
        assertThat(sent).as("never a header the body did not say").noneMatch(line -> line.startsWith("mismatch"));
        // an initialize may have been on its way (the event stream's) when the first refusal showed the era
        assertThat(sent.subList(sent.indexOf("tools/call"), sent.size()))
                .as("no request refused once the gateway knew the backend's era")
                .noneMatch(line -> line.startsWith("refused"));
    }
}
