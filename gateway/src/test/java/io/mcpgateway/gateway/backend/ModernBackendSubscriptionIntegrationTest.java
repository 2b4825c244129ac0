package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend of MCP 2026-07-28 that tells of its tool list changes on {@code subscriptions/listen} streams, the only
 * way that revision has: the gateway subscribes once it knows the backend's era, reads the list again when told, and
 * subscribes again when the server ends the stream, reading the list once more for a change it may have missed.
 */
@Timeout(120)
class ModernBackendSubscriptionIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final AtomicReference<String> description = new AtomicReference<>("version 1");
    private final AtomicInteger listings = new AtomicInteger();
    /** Each subscriptions/listen request: its headers and body. */
    private final List<Map<String, Object>> subscriptions = new CopyOnWriteArrayList<>();
    /** What the open stream is to say next: "changed" or "end". */
    private final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
    private Javalin backend;
    private GatewayServer gateway;

    @AfterEach
    void stop() {
        pushes.add("end");
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.stop();
        }
        oauth.shutdown();
    }

    @Test
    void theGatewaySubscribesReadsTheListWhenToldAndSubscribesAgainWhenTheStreamEnds() throws Exception {
        start(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
        Map<String, Object> first = subscriptions.get(0);
        assertThat(first).containsEntry("MCP-Protocol-Version", "2026-07-28")
                .containsEntry("Mcp-Method", "subscriptions/listen");
        assertThat((String) first.get("Accept")).contains("text/event-stream");
        JsonNode body = (JsonNode) first.get("body");
        assertThat(body.at("/params/notifications/toolsListChanged").asBoolean()).isTrue();
        assertThat(body.at("/params/_meta/io.modelcontextprotocol~1protocolVersion").asString())
                .isEqualTo("2026-07-28");
        assertThat(gatewayList()).contains("version 1");

        description.set("version 2");
        pushes.add("changed");
        await("the list read again when the backend says it changed").atMost(Duration.ofSeconds(10))
                .until(() -> gatewayList().contains("version 2"));

        int before = listings.get();
        description.set("version 3"); // changed while no stream is open: nothing tells of it
        pushes.add("end");
        await("a new subscription after the server ended the first").atMost(Duration.ofSeconds(20))
                .until(() -> subscriptions.size() == 2);
        await("and the list read again, for a change made meanwhile").atMost(Duration.ofSeconds(10))
                .until(() -> gatewayList().contains("version 3"));
        assertThat(listings.get()).isGreaterThan(before);
    }

    @Test
    void aBackendWithoutSubscriptionsIsReadPeriodicallyAndNotAskedAgainAndAgain() throws Exception {
        start(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
        await("no second subscription").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> subscriptions.size() == 1);
        assertThat(gatewayList()).contains("version 1");
    }

    private void start(boolean offersSubscriptions) throws IOException {
        oauth.start();
        backend = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/mcp", ctx -> answer(ctx, offersSubscriptions));
            // a health page: the probes read it, not the tool list, so only what the test tells of changes is seen
            cfg.routes.get("/health", ctx -> send(ctx, 200, Map.of("status", "healthy")));
        }).start("127.0.0.1", 0);
        Path config = Files.createTempFile("gateway", ".yaml");
        Files.writeString(config, """
                auth: {issuer: "%s", client_ids: [tests]}
                backends: [{name: places, url: "http://127.0.0.1:%d"}]
                routes: [{path: /api/v1/locate, backend: places, tool: locate}]
                """.formatted(oauth.issuerUrl("default").toString().replaceAll("/$", ""), backend.port()));
        gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config), MAPPER,
                Clock.systemUTC());
        Files.delete(config);
    }

    /** A server of 2026-07-28 only: tools/list, and subscriptions/listen if it offers them. */
    private void answer(Context ctx, boolean offersSubscriptions) throws Exception {
        JsonNode request = MAPPER.readTree(ctx.body());
        JsonNode id = request.get("id");
        if (!"2026-07-28".equals(ctx.header("MCP-Protocol-Version"))) {
            send(ctx, 400, Map.of("jsonrpc", "2.0", "id", id == null ? "" : id, "error", Map.of("code", -32022,
                    "message", "Unsupported protocol version", "data", Map.of("supported", List.of("2026-07-28"),
                            "requested", String.valueOf(ctx.header("MCP-Protocol-Version"))))));
            return;
        }
        switch (request.path("method").asString("")) {
            case "tools/list" -> {
                listings.incrementAndGet();
                send(ctx, 200, Map.of("jsonrpc", "2.0", "id", id, "result", Map.of("resultType", "complete",
                        "tools", List.of(Map.of("name", "locate", "description", description.get(),
                                "inputSchema", Map.of("type", "object"))), "ttlMs", 0, "cacheScope", "public")));
            }
            case "subscriptions/listen" -> {
                subscriptions.add(Map.of("MCP-Protocol-Version", ctx.header("MCP-Protocol-Version"),
                        "Mcp-Method", String.valueOf(ctx.header("Mcp-Method")),
                        "Accept", String.valueOf(ctx.header("Accept")), "body", request));
                if (offersSubscriptions) {
                    stream(ctx, id);
                } else {
                    send(ctx, 404, Map.of("jsonrpc", "2.0", "id", id, "error", Map.of("code", -32601,
                            "message", "Method not found")));
                }
            }
            default -> send(ctx, 404, Map.of("jsonrpc", "2.0", "id", id, "error", Map.of("code", -32601,
                    "message", "Method not found")));
        }
    }

    /** The subscription's stream: acknowledged, then what the test pushes, until it pushes its end. */
    private void stream(Context ctx, JsonNode id) throws Exception {
        ctx.status(200).contentType("text/event-stream");
        OutputStream out = ctx.res().getOutputStream();
        Map<String, Object> meta = Map.of("io.modelcontextprotocol/subscriptionId", id);
        event(out, Map.of("jsonrpc", "2.0", "method", "notifications/subscriptions/acknowledged",
                "params", Map.of("_meta", meta, "notifications", Map.of("toolsListChanged", true))));
        while (true) {
            String push = pushes.poll(100, TimeUnit.MILLISECONDS);
            if ("changed".equals(push)) {
                event(out, Map.of("jsonrpc", "2.0", "method", "notifications/tools/list_changed",
                        "params", Map.of("_meta", meta)));
            } else if ("end".equals(push)) {
                event(out, Map.of("jsonrpc", "2.0", "id", id, "result", Map.of("resultType", "complete",
                        "_meta", meta)));
                return;
            }
        }
    }

    private static void event(OutputStream out, Map<String, Object> message) throws IOException {
        out.write(("event: message\ndata: " + MAPPER.writeValueAsString(message) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(Context ctx, int status, Map<String, Object> message) {
        ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(message));
    }

    /** The gateway's tool list, as an MCP client reads it. */
    private String gatewayList() throws Exception {
        String token = oauth.issueToken("default", "carol", "tests", Map.of()).serialize();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/mcp"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
