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
    /** Streams the gateway closed while the server held them open. */
    private final AtomicInteger disconnects = new AtomicInteger();

    /** How the test's server answers subscriptions/listen. */
    private enum Listen {
        /** A stream: acknowledged, then what the test pushes. */
        STREAM,
        /** Acknowledged, then ended with the result at once. */
        ENDED_AT_ONCE,
        /** An event stream whose first message is -32601. */
        NO_METHOD_IN_STREAM,
        /** Acknowledged with no notification agreed to. */
        ACKNOWLEDGES_NOTHING,
        /** 404 with JSON-RPC's -32601, as the revision has a server without the method answer. */
        NO_METHOD,
        /** A proxy's 404 page. */
        PROXY_NOT_FOUND
    }
    private Javalin backend;
    private GatewayServer gateway;
    private boolean oauthStarted;

    @AfterEach
    void stopAll() {
        stop();
        oauth.shutdown();
    }

    private void stop() {
        pushes.add("end");
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (backend != null) {
            backend.stop();
            backend = null;
        }
        pushes.clear();
    }

    @Test
    void theGatewaySubscribesReadsTheListWhenToldAndSubscribesAgainWhenTheStreamEnds() throws Exception {
        start(Listen.STREAM);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
        Map<String, Object> first = subscriptions.get(0);
        assertThat(first).containsEntry("MCP-Protocol-Version", "2026-07-28")
                .containsEntry("Mcp-Method", "subscriptions/listen");
        assertThat((String) first.get("Accept")).contains("application/json", "text/event-stream");
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
    void aBackendWithoutTheMethodIsReadPeriodicallyAndNotAskedAgainAndAgain() throws Exception {
        for (Listen refusal : List.of(Listen.NO_METHOD, Listen.NO_METHOD_IN_STREAM, Listen.ACKNOWLEDGES_NOTHING)) {
            subscriptions.clear();
            start(refusal);
            await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
            await(refusal + ": not asked again").during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9))
                    .until(() -> subscriptions.size() == 1);
            assertThat(gatewayList()).contains("version 1");
            stop();
        }
    }

    @Test
    void aProxysNotFoundPageIsAFailureTriedAgainNotAMethodMissing() throws Exception {
        start(Listen.PROXY_NOT_FOUND);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
        await("asked again after the first backoff").atMost(Duration.ofSeconds(10))
                .until(() -> subscriptions.size() == 2);
    }

    @Test
    void streamsEndedAtOnceAreOpenedAgainWithAGrowingBackoffNotEveryFewSeconds() throws Exception {
        start(Listen.ENDED_AT_ONCE);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
        long first = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.size() == 2); // after 5 s
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 3); // after 10 more
        assertThat(Duration.ofNanos(System.nanoTime() - first)).as("5 s, then 10 s").isGreaterThan(
                Duration.ofSeconds(13));
    }

    @Test
    void stoppingTheGatewayClosesItsSubscription() throws Exception {
        start(Listen.STREAM);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptions.size() == 1);
        gateway.close();
        await("the server sees the stream closed").atMost(Duration.ofSeconds(5)).until(() -> disconnects.get() == 1);
    }

    private void start(Listen listen) throws IOException {
        if (!oauthStarted) {
            oauth.start();
            oauthStarted = true;
        }
        backend = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/mcp", ctx -> answer(ctx, listen));
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

    /** A server of 2026-07-28 only: tools/list, and subscriptions/listen as {@code listen} says. */
    private void answer(Context ctx, Listen listen) throws Exception {
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
                listen(ctx, id, listen);
            }
            default -> send(ctx, 404, Map.of("jsonrpc", "2.0", "id", id, "error", Map.of("code", -32601,
                    "message", "Method not found")));
        }
    }

    private void listen(Context ctx, JsonNode id, Listen listen) throws Exception {
        Map<String, Object> notFound = Map.of("jsonrpc", "2.0", "id", id, "error", Map.of("code", -32601,
                "message", "Method not found"));
        switch (listen) {
            case NO_METHOD -> send(ctx, 404, notFound);
            case PROXY_NOT_FOUND -> ctx.status(404).contentType("text/html").result("<html>Not Found</html>");
            default -> stream(ctx, id, listen, notFound);
        }
    }

    /**
     * The subscription's stream: acknowledged, then what the test pushes, until it pushes its end, with a comment
     * every 100 ms, which fails once the gateway closed the stream.
     */
    private void stream(Context ctx, JsonNode id, Listen listen, Map<String, Object> notFound) throws Exception {
        ctx.status(200).contentType("text/event-stream");
        OutputStream out = ctx.res().getOutputStream();
        if (listen == Listen.NO_METHOD_IN_STREAM) {
            event(out, notFound);
            return;
        }
        Map<String, Object> meta = Map.of("io.modelcontextprotocol/subscriptionId", id);
        event(out, Map.of("jsonrpc", "2.0", "method", "notifications/subscriptions/acknowledged", "params",
                Map.of("_meta", meta, "notifications", listen == Listen.ACKNOWLEDGES_NOTHING ? Map.of()
                        : Map.of("toolsListChanged", true))));
        if (listen == Listen.ENDED_AT_ONCE) {
            pushes.add("end");
        }
        while (true) {
            String push = pushes.poll(100, TimeUnit.MILLISECONDS);
            if (push == null) {
                try {
                    out.write(":\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    disconnects.incrementAndGet();
                    return;
                }
            } else if ("changed".equals(push)) {
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
