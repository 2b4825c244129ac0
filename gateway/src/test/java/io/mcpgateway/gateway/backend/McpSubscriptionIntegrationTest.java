package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_UPDATE;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.BETA_LOOKUP;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.CLIENT_ID;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code subscriptions/listen} on the gateway's /mcp, as a client of MCP 2026-07-28 uses it to hear that the tools it
 * may see changed: acknowledged first, told of changes to its own tools only, ended with the request's result when
 * the gateway is replaced or the caller's token expires, bounded in number, and refused clearly when asked wrongly.
 */
@Timeout(120)
class McpSubscriptionIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String VERSION = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    private static final String TOOLS = "{\"toolsListChanged\":true}";
    private static final String SUBSCRIPTION_ID = "io.modelcontextprotocol~1subscriptionId";
    /** Beta's tools need a scope the test's usual caller lacks. */
    private static final String BETA_SCOPED = ", required_scopes: [beta-scope]";

    private static String listen(Object id, String notifications) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"subscriptions/listen\",\"params\":{" + META
                + (notifications == null ? "" : ",\"notifications\":" + notifications) + "}}";
    }

    /** A gateway whose streams get a keep-alive every second. */
    private static FaultInjectionGateway gateway(String mcpSettings) {
        return gateway(1, mcpSettings);
    }

    private static FaultInjectionGateway gateway(int keepAliveSeconds, String mcpSettings) {
        return new FaultInjectionGateway(5_000, 5_000, "{max_attempts: 1}", "", Map.of(),
                "mcp: {stream_keep_alive_seconds: " + keepAliveSeconds + mcpSettings + "}", server -> { },
                BETA_SCOPED);
    }

    @Test
    void aSubscriptionIsAcknowledgedThenToldOfChangesToTheToolsItsCallerMaySee() {
        try (var env = gateway(""); var stream = Subscription.open(env, env.token(),
                listen("\"sub-1\"", "{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"file:///a\"]}"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            JsonNode ack = stream.next(Duration.ofSeconds(5));
            assertThatJson(ack.toString()).inPath("method").isEqualTo("notifications/subscriptions/acknowledged");
            assertThat(ack.at("/params/_meta/" + SUBSCRIPTION_ID).asString()).isEqualTo("sub-1");
            assertThatJson(ack.toString()).as("only what the gateway sends: it has no resources")
                    .inPath("params.notifications").isEqualTo(TOOLS);

            // beta's tool changes, but this caller may not see beta's tools: nothing is said
            String scoped = env.oauth().issueToken("default", "scoped", CLIENT_ID, Map.of("scope", "beta-scope"))
                    .serialize();
            env.beta.changeDefinition("lookup").announceListChangedOnNextCall();
            assertThat(restCall(env, BETA_LOOKUP, scoped).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(env.get("/tools/pins").body())
                    .inPath("data.tools.['beta/lookup'].status").isEqualTo("changed"));
            assertThat(stream.next(ToolListChecks.NOTICED_WITHIN)).as("a change to tools the caller cannot see")
                    .isNull();

            // alpha's, which it sees
            env.alpha.changeDefinition("update").announceListChangedOnNextCall();
            assertThat(env.post(ALPHA_UPDATE).statusCode()).isEqualTo(200);
            JsonNode changed = stream.next(Duration.ofSeconds(10));
            assertThatJson(changed.toString()).inPath("method").isEqualTo("notifications/tools/list_changed");
            assertThat(changed.at("/params/_meta/" + SUBSCRIPTION_ID).asString()).isEqualTo("sub-1");
            assertThat(changed.has("id")).isFalse();
            assertThat(modernList(env, env.token())).as("the list the client reads then").contains("version 2");
            assertThat(stream.next(ToolListChecks.NOTICED_WITHIN)).as("one change, told once").isNull();
            assertThat(stream.keepAlives()).as("a silent stream gets comments").isPositive();
            assertThat(env.get("/metrics/prometheus").body())
                    .as("a stream is no request in flight (the scrape is), and is counted apart")
                    .contains("\ngateway_requests_in_flight 1.0\n", "\ngateway_mcp_subscriptions 1.0\n");
        }
    }

    @Test
    void aStreamIsTimedUnderARouteOfItsOwnNotAsAnMcpRequest() {
        try (var env = gateway("")) {
            try (var stream = Subscription.open(env, env.token(), listen(1, TOOLS))) {
                assertThat(stream.next(Duration.ofSeconds(5))).isNotNull();
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.get("/metrics/prometheus")
                    .body()).contains("route=\"/mcp subscriptions/listen\",status=\"200\"")
                    .doesNotContain("route=\"/mcp\",status=\"200\""));
        }
    }

    @Test
    void aStoppingGatewayEndsItsStreamsWithTheirResultAtOnce() {
        try (var env = gateway(30, "")) {
            Subscription stream = Subscription.open(env, env.token(), listen("\"last\"", TOOLS));
            try {
                assertThat(stream.next(Duration.ofSeconds(5))).isNotNull();
                long start = System.nanoTime();
                env.gateway.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not held up by the stream")
                        .isLessThan(Duration.ofSeconds(10));
                JsonNode result = stream.next(Duration.ofSeconds(5));
                assertThatJson(result.toString()).inPath("id").isEqualTo("last");
                assertThatJson(result.toString()).inPath("result.resultType").isEqualTo("complete");
                assertThat(result.at("/result/_meta/" + SUBSCRIPTION_ID).asString()).isEqualTo("last");
                assertThat(result.at("/result/_meta/io.modelcontextprotocol~1serverInfo/name").asString())
                        .isEqualTo("mcp-tools-gateway");
                assertThat(stream.awaitEnd(Duration.ofSeconds(5))).isTrue();
            } finally {
                stream.close();
            }
        }
    }

    @Test
    void aReloadEndsEachStreamWithoutItsResultSoThatItsClientSubscribesAgainToldOfAChangeIfItAskedForThem()
            throws IOException {
        try (var env = gateway(""); var tools = Subscription.open(env, env.token(), listen(7, TOOLS));
                var quiet = Subscription.open(env, env.token(), listen(8, "{}"))) {
            assertThatJson(tools.next(Duration.ofSeconds(5)).toString()).inPath("params.notifications")
                    .isEqualTo(TOOLS);
            assertThatJson(quiet.next(Duration.ofSeconds(5)).toString()).inPath("params.notifications")
                    .isEqualTo("{}");

            Files.writeString(env.configFile, Files.readString(env.configFile).replace("probe_interval_seconds: 1",
                    "probe_interval_seconds: 2"));
            assertThat(env.reloadConfiguration().statusCode()).isEqualTo(200);

            assertThatJson(tools.next(Duration.ofSeconds(10)).toString()).as("the new gateway's tools may differ")
                    .inPath("method").isEqualTo("notifications/tools/list_changed");
            assertThat(tools.awaitEnd(Duration.ofSeconds(10))).as("then the stream ends, with no result").isTrue();
            assertThat(quiet.awaitEnd(Duration.ofSeconds(10))).as("no notice it did not ask for").isTrue();

            try (var again = Subscription.open(env, env.token(), listen(9, TOOLS))) {
                assertThatJson(again.next(Duration.ofSeconds(5)).toString()).as("the new gateway takes it")
                        .inPath("method").isEqualTo("notifications/subscriptions/acknowledged");
            }
        }
    }

    @Test
    void aStreamEndsWhenItsCallersTokenExpires() {
        try (var env = gateway("")) {
            String shortLived = env.oauth().issueToken("default", "brief", CLIENT_ID, Map.of(), 3).serialize();
            try (var stream = Subscription.open(env, shortLived, listen(1, TOOLS))) {
                assertThatJson(stream.next(Duration.ofSeconds(5)).toString()).inPath("method")
                        .isEqualTo("notifications/subscriptions/acknowledged");
                assertThat(stream.awaitEnd(Duration.ofSeconds(15))).as("ended without its result: subscribe again")
                        .isTrue();
            }
            // the verifier takes it for its leeway (60 s), but a stream would end at once: refused
            HttpResponse<String> late = Subscription.post(env, shortLived, listen(2, TOOLS),
                    "application/json, text/event-stream");
            assertThat(late.statusCode()).isEqualTo(401);
            assertThat(late.headers().firstValue("WWW-Authenticate").orElse(""))
                    .contains("error=\"invalid_token\"", "resource_metadata=");
            assertThatJson(late.body()).inPath("error.code").isEqualTo("EXPIRED");
        }
    }

    @Test
    void streamsAreBoundedPerCallerAndInAllAndAStreamLeftFreesItsPlaceAtOnce() {
        try (var env = gateway(30, ", max_subscriptions: 3, max_subscriptions_per_caller: 2")) {
            String other = env.oauth().issueToken("default", "other", CLIENT_ID, Map.of()).serialize();
            List<Subscription> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    open.add(Subscription.open(env, env.token(), listen(i, TOOLS)));
                    assertThat(open.get(i).next(Duration.ofSeconds(5))).isNotNull();
                }
                HttpResponse<String> third = env.postMcp(listen(2, TOOLS), "MCP-Protocol-Version", VERSION,
                        "Mcp-Method", "subscriptions/listen");
                assertThat(third.statusCode()).isEqualTo(429);
                assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
                assertThatJson(third.body()).inPath("error.code").isEqualTo("TOO_MANY_SUBSCRIPTIONS");

                open.add(Subscription.open(env, other, listen(3, TOOLS)));
                assertThat(open.get(2).next(Duration.ofSeconds(5))).isNotNull();
                HttpResponse<String> full = Subscription.post(env, other, listen(4, TOOLS), "application/json,"
                        + " text/event-stream");
                assertThat(full.statusCode()).isEqualTo(503);
                assertThat(full.headers().firstValue("Retry-After")).hasValue("30");
                assertThatJson(full.body()).inPath("error.code").isEqualTo("SUBSCRIPTIONS_FULL");

                open.remove(0).close(); // the client leaves: its place is free at once, not at a keep-alive 30 s on
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    try (var replacement = Subscription.open(env, env.token(), listen(5, TOOLS))) {
                        return replacement.status() == 200;
                    }
                });
            } finally {
                open.forEach(Subscription::close);
            }
        }
    }

    @Test
    void everyWrongListenIsRefusedClearlyAndTheEndpointServesOn() {
        try (var env = gateway("")) {
            String[][] wrong = {
                {listen(1, null), "params.notifications must be an object"},
                {listen(1, "\"tools\""), "params.notifications must be an object"},
                {listen(1, "[true]"), "params.notifications must be an object"},
                {listen(1, "{\"toolsListChanged\":\"yes\"}"), "toolsListChanged must be true or false"},
                {listen(1, "{\"promptsListChanged\":1}"), "promptsListChanged must be true or false"},
                {listen(1, "{\"resourceSubscriptions\":\"file:///a\"}"), "must be a list of strings"},
                {listen(1, "{\"resourceSubscriptions\":[1]}"), "must be a list of strings"},
            };
            for (String[] request : wrong) {
                HttpResponse<String> response = env.postMcp(request[0], "MCP-Protocol-Version", VERSION,
                        "Mcp-Method", "subscriptions/listen");
                assertThat(response.statusCode()).as(request[0]).isEqualTo(200);
                assertThatJson(response.body()).as(request[0]).inPath("error.code").isEqualTo(-32602);
                assertThatJson(response.body()).inPath("error.message").asString().contains(request[1]);
            }

            HttpResponse<String> jsonOnly = Subscription.post(env, env.token(), listen(2, TOOLS), "application/json");
            assertThatJson(jsonOnly.body()).inPath("error.code").isEqualTo(-32600);
            assertThatJson(jsonOnly.body()).inPath("error.message").asString().contains("text/event-stream");

            HttpResponse<String> mismatch = env.postMcp(listen(3, TOOLS), "MCP-Protocol-Version", VERSION,
                    "Mcp-Method", "tools/list");
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThatJson(mismatch.body()).inPath("error.code").isEqualTo(-32020);

            HttpResponse<String> legacy = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":"
                    + "\"subscriptions/listen\",\"params\":{\"notifications\":" + TOOLS + "}}");
            assertThatJson(legacy.body()).as("no method of the earlier revisions").inPath("error.code")
                    .isEqualTo(-32601);

            assertThat(modernList(env, env.token())).as("served on").contains("\"update\"");
        }
    }

    @Test
    void withNoSubscriptionsAllowedListenIsNoMethodAndDiscoveryOffersNoListChanges() {
        try (var env = gateway(", max_subscriptions: 0")) {
            HttpResponse<String> listen = env.postMcp(listen(1, TOOLS), "MCP-Protocol-Version", VERSION,
                    "Mcp-Method", "subscriptions/listen");
            assertThat(listen.statusCode()).isEqualTo(404);
            assertThatJson(listen.body()).inPath("error.code").isEqualTo(-32601);
            HttpResponse<String> discover = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"server/discover\","
                    + "\"params\":{" + META + "}}", "MCP-Protocol-Version", VERSION, "Mcp-Method", "server/discover");
            assertThatJson(discover.body()).inPath("result.capabilities").isEqualTo("{\"tools\":{}}");
        }
    }

    /** A REST route called with {@code token}. */
    private static HttpResponse<String> restCall(FaultInjectionGateway env, String path, String token) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return FaultInjectionGateway.send(client, HttpRequest.newBuilder(env.url(path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(FaultInjectionGateway.BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The tool list a client of 2026-07-28 reads, as text. */
    private static String modernList(FaultInjectionGateway env, String token) {
        return Subscription.post(env, token, "{\"jsonrpc\":\"2.0\",\"id\":\"l\",\"method\":\"tools/list\",\"params\":{"
                + META + "}}", "application/json, text/event-stream", "tools/list").body();
    }

    /** How long a test waits to see that nothing is said: past the gateway's look at its tools, once a second. */
    private static final class ToolListChecks {
        static final Duration NOTICED_WITHIN = Duration.ofMillis(2_500);
    }

    /** A subscription stream, read as it arrives: its messages in order, comments counted. */
    private static final class Subscription implements AutoCloseable {

        private static final JsonNode END = MAPPER.createObjectNode();

        private final HttpClient http = HttpClient.newHttpClient();
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final HttpResponse<Stream<String>> response;
        private final Thread reader;
        private volatile int keepAlives;
        private volatile boolean ended;

        private Subscription(FaultInjectionGateway env, String token, String body) {
            response = FaultInjectionGateway.send(http, request(env, token, body,
                    "application/json, text/event-stream", "subscriptions/listen"),
                    HttpResponse.BodyHandlers.ofLines());
            reader = Thread.ofVirtual().start(this::read);
        }

        static Subscription open(FaultInjectionGateway env, String token, String body) {
            return new Subscription(env, token, body);
        }

        static HttpResponse<String> post(FaultInjectionGateway env, String token, String body, String accept) {
            return post(env, token, body, accept, "subscriptions/listen");
        }

        static HttpResponse<String> post(FaultInjectionGateway env, String token, String body, String accept,
                String method) {
            try (HttpClient client = HttpClient.newHttpClient()) {
                return FaultInjectionGateway.send(client, request(env, token, body, accept, method),
                        HttpResponse.BodyHandlers.ofString());
            }
        }

        private static HttpRequest request(FaultInjectionGateway env, String token, String body, String accept,
                String method) {
            return HttpRequest.newBuilder(env.url("/mcp")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Accept", accept)
                    .header("MCP-Protocol-Version", VERSION).header("Mcp-Method", method)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private void read() {
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("data: ")) {
                        messages.add(MAPPER.readTree(line.substring(6)));
                    } else if (line.startsWith(":")) {
                        keepAlives++;
                    }
                });
            } catch (RuntimeException e) {
                // closed by the test
            } finally {
                ended = true;
                messages.add(END);
            }
        }

        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        int keepAlives() {
            return keepAlives;
        }

        /** The next message within {@code wait}; null when none came (or the stream ended). */
        JsonNode next(Duration wait) {
            try {
                JsonNode message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (message == END) {
                    messages.add(END);
                    return null;
                }
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Whether the server ended the stream within {@code wait}, with no message left unread. */
        boolean awaitEnd(Duration wait) {
            return next(wait) == null && ended;
        }

        @Override
        public void close() {
            http.shutdownNow();
            reader.interrupt();
        }
    }
}
