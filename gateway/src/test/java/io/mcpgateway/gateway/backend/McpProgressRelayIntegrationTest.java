package io.mcpgateway.gateway.backend;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;

/**
 * An MCP client that asks for a tool's progress ({@code _meta.progressToken}) hears it through the gateway's
 * {@code /mcp} as the backend sends it, then the result, in one event stream; one that does not ask, or reads no
 * event stream, gets the JSON answer as before.
 */
@Timeout(60)
class McpProgressRelayIntegrationTest {

    private static final String BOTH = "application/json, text/event-stream";
    private static final Duration GAP = Duration.ofMillis(400);

    private FaultInjectionGateway env;

    @BeforeEach
    void start() {
        env = new FaultInjectionGateway(10_000, 20_000, "{max_attempts: 1}");
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private static String call(String token) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"c-9\",\"method\":\"tools/call\",\"params\":{\"name\":\"alpha___lookup\","
                + "\"arguments\":{\"q\":\"x\"}" + (token == null ? "" : ",\"_meta\":{\"progressToken\":" + token + "}")
                + "}}";
    }

    /** A line and when it arrived. */
    private record Arrived(String line, long nanos) {
    }

    private static List<Arrived> read(HttpResponse<Stream<String>> response) {
        List<Arrived> lines = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            body.forEach(line -> lines.add(new Arrived(line, System.nanoTime())));
        }
        return lines;
    }

    private static List<Arrived> data(List<Arrived> lines) {
        return lines.stream().filter(a -> a.line().startsWith("data: "))
                .map(a -> new Arrived(a.line().substring("data: ".length()), a.nanos())).toList();
    }

    @Test
    void progressIsRelayedAsItArrivesUnderTheClientsTokenThenTheResult() {
        env.alpha.always(Behaviour.progress(3, GAP));

        HttpResponse<Stream<String>> response = env.postMcpStreaming(call("\"tok-1\""), BOTH);
        List<Arrived> events = data(read(response));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        assertThat(events).hasSize(4);
        for (int step = 1; step <= 3; step++) {
            assertThatJson(events.get(step - 1).line()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":"
                    + "\"notifications/progress\",\"params\":{\"progressToken\":\"tok-1\",\"progress\":" + step
                    + ",\"total\":3,\"message\":\"step " + step + "\"}}");
        }
        assertThatJson(events.get(3).line()).inPath("id").isEqualTo("c-9");
        assertThatJson(events.get(3).line()).inPath("result.structuredContent.success").isEqualTo(true);
        // heard while the tool ran, not all at its end
        assertThat(Duration.ofNanos(events.get(3).nanos() - events.get(0).nanos()))
                .isGreaterThan(GAP.multipliedBy(2));
        // the backend is asked under a token of the gateway's: clients' own tokens would clash in a shared session
        assertThat(env.alpha.callMeta()).singleElement().asString().containsPattern("\"progressToken\":[0-9]+")
                .doesNotContain("tok-1");
    }

    @Test
    void onlyWellFormedIncreasingProgressUnderTheCallsTokenIsRelayedAndAMessageIsOneBoundedLine() {
        env.alpha.always(Behaviour.events(200, List.of(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":TOKEN,"
                        + "\"progress\":1,\"total\":1e400,\"message\":\"" + "m".repeat(3_000) + "\\nforged\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":TOKEN,"
                        + "\"progress\":1e400}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":TOKEN,"
                        + "\"progress\":0.5}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"other\","
                        + "\"progress\":2}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"sampling/createMessage\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":TOKEN,"
                        + "\"progress\":2,\"total\":2}}"), Duration.ofMillis(100)));

        // apart, so that each relayed one is written before the next comes (else only the latest waits)
        List<Arrived> events = data(read(env.postMcpStreaming(call("\"tok-4\""), BOTH)));

        assertThat(events).hasSize(3);
        // an infinite total is left out, the message is one line of at most 1,000 characters
        assertThatJson(events.get(0).line()).inPath("params").isObject().containsEntry("progressToken", "tok-4")
                .containsEntry("progress", 1).doesNotContainKey("total");
        assertThatJson(events.get(0).line()).inPath("params.message").asString().hasSizeLessThanOrEqualTo(1_000)
                .doesNotContain("\n");
        // infinite, decreasing, another token's and a request are not relayed
        assertThatJson(events.get(1).line()).inPath("params").isEqualTo("{\"progressToken\":\"tok-4\",\"progress\":2,"
                + "\"total\":2}");
        assertThatJson(events.get(2).line()).inPath("id").isEqualTo("c-9");
    }

    @Test
    void progressInAFailedAnswerIsNotRelayed() {
        env.alpha.always(Behaviour.events(500, List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                + "\"params\":{\"progressToken\":TOKEN,\"progress\":1,\"message\":\"db-7.corp:5432\"}}")));

        HttpResponse<String> response = env.postMcp(call("\"tok-5\""));

        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.body()).contains("BACKEND_UNAVAILABLE").doesNotContain("db-7");
    }

    /** 10,000 notifications of about 1 KB, as fast as the backend can send them, then the result. */
    private static Behaviour floodOfProgress() {
        return Behaviour.events(200, java.util.stream.IntStream.range(1, 10_001).mapToObj(step ->
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":TOKEN,"
                        + "\"progress\":" + step + ",\"message\":\"" + "x".repeat(900) + "\"}}").toList());
    }

    /** A client with a 4 KB receive buffer that has sent a call asking for progress, and reads when the test does. */
    private java.net.Socket slowClient(String token, String connection) throws IOException {
        String body = call(token);
        java.net.Socket client = new java.net.Socket();
        client.setReceiveBufferSize(4_096);
        client.setSoTimeout(20_000);
        client.connect(new java.net.InetSocketAddress("127.0.0.1", env.url("/").getPort()));
        client.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + connection
                + "\r\nAuthorization: Bearer " + env.token() + "\r\nContent-Type: application/json\r\nAccept: " + BOTH
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return client;
    }

    @Test
    void aClientThatFallsBehindGetsTheLatestProgressThenTheResultAndTheStreamEnds() throws Exception {
        env.alpha.always(floodOfProgress());
        try (java.net.Socket client = slowClient("\"behind\"", "close")) {
            Thread.sleep(1_000); // behind: the backend has sent everything meanwhile
            String answer = new String(client.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            // the answer ended (readAllBytes returned: the gateway finished it) with the result as its last event,
            // after the newest progress (what came while the client was behind was dropped, but for the latest)
            String lastEvent = answer.substring(answer.strip().lastIndexOf("data: "));
            assertThatJson(lastEvent.substring("data: ".length()).strip()).inPath("id").isEqualTo("c-9");
            assertThat(answer).contains("\"progress\":10000");
        }
    }

    @Test
    void aClientThatReadsNothingHoldsNeitherTheBackendCallNorItsConnection() throws Exception {
        env.alpha.always(floodOfProgress());
        try (java.net.Socket ignored = slowClient("\"stalled\"", "keep-alive")) {
            // the client reads nothing: about 9 MB of progress cannot reach it, and the backend call ends anyway
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> env.alpha.calls("lookup") == 1
                    && env.alpha.inFlight() == 0);
            assertThat(env.postMcp(call(null)).statusCode()).as("another caller is served meanwhile").isEqualTo(200);
        }
        assertThat(env.get("/metrics/prometheus").body()).doesNotContain("outcome=\"timeout\"");
    }

    @Test
    void aStreamSilentForTheKeepAliveIntervalGetsCommentLinesBetweenItsEvents() {
        withKeepAliveOfOneSecond(10_000);
        env.alpha.always(Behaviour.progress(1, Duration.ofMillis(2_600)));

        // what a proxy's idle timeout would otherwise cut: the progress, two comments in the silence, the result
        List<String> meaningful = meaningful(read(env.postMcpStreaming(call("\"quiet\""), BOTH)));
        // (two comments in 2.6 s, one or three on a machine slow to schedule the writer)
        assertThat(meaningful).hasSizeBetween(3, 5);
        assertThat(meaningful.getFirst()).startsWith("data: ").contains("notifications/progress");
        assertThat(meaningful.subList(1, meaningful.size() - 1)).containsOnly(": keep-alive");
        assertThat(meaningful.getLast()).startsWith("data: ").contains("\"id\":\"c-9\"");
    }

    @Test
    void aCallSilentFromItsStartForTheKeepAliveIntervalBecomesAStreamOfCommentsThenTheResult() {
        withKeepAliveOfOneSecond(10_000);
        env.alpha.always(Behaviour.slow(Duration.ofMillis(2_600))); // no progress at all, JSON after 2.6 s

        HttpResponse<Stream<String>> response = env.postMcpStreaming(call("\"silent\""), BOTH);
        List<String> meaningful = meaningful(read(response));

        // a proxy's idle timeout would otherwise cut it before the result: the bytes begin within the interval
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        assertThat(meaningful).hasSizeBetween(2, 4); // (two comments in 2.6 s; one or three on a slow machine)
        assertThat(meaningful.subList(0, meaningful.size() - 1)).containsOnly(": keep-alive");
        assertThatJson(meaningful.getLast().substring("data: ".length()))
                .inPath("result.structuredContent.success").isEqualTo(true);
    }

    @Test
    void aCallerWaitingForAnIdenticalCallInFlightHearsKeepAlivesToo() throws Exception {
        env.close();
        env = new FaultInjectionGateway(10_000, 20_000, "{max_attempts: 1}", "", Map.of(),
                "mcp: {stream_keep_alive_seconds: 1}\ncache: {enabled: true}");
        env.alpha.always(Behaviour.slow(Duration.ofMillis(2_600)));

        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> meaningful(read(env.postMcpStreaming(call("\"leader\""), BOTH))));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> env.alpha.inFlight() == 1);
        List<String> follower = meaningful(read(env.postMcpStreaming(call("\"follower\""), BOTH)));

        // the second waits for the first's backend call instead of making its own: silent, it would be cut as well
        assertThat(env.alpha.calls("lookup")).isEqualTo(1);
        for (List<String> lines : List.of(first.get(10, java.util.concurrent.TimeUnit.SECONDS), follower)) {
            assertThat(lines.getFirst()).isEqualTo(": keep-alive");
            assertThatJson(lines.getLast().substring("data: ".length()))
                    .inPath("result.structuredContent.success").isEqualTo(true);
        }
    }

    @Test
    void aSilentCallThatFailsAfterItsStreamBeganEndsWithTheFailureAsItsLastEvent() {
        withKeepAliveOfOneSecond(1_500);
        env.alpha.always(Behaviour.slow(Duration.ofSeconds(5)));

        List<String> meaningful = meaningful(read(env.postMcpStreaming(call("\"late\""), BOTH)));

        assertThat(meaningful.getFirst()).isEqualTo(": keep-alive");
        assertThatJson(meaningful.getLast().substring("data: ".length())).inPath("result").isObject()
                .containsEntry("isError", true);
        assertThatJson(meaningful.getLast().substring("data: ".length()))
                .inPath("result.structuredContent.error.code").isEqualTo("BACKEND_TIMEOUT");
    }

    @Test
    void aCallAnsweredWithinTheKeepAliveIntervalStaysJson() {
        withKeepAliveOfOneSecond(10_000);
        env.alpha.always(Behaviour.slow(Duration.ofMillis(300)));

        HttpResponse<String> response = env.postJsonAccepting("/mcp", call("\"quick\""), BOTH);

        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThatJson(response.body()).inPath("result.structuredContent.success").isEqualTo(true);
    }

    private void withKeepAliveOfOneSecond(int requestTimeoutMs) {
        env.close();
        env = new FaultInjectionGateway(requestTimeoutMs, 20_000, "{max_attempts: 1}", "", Map.of(),
                "mcp: {stream_keep_alive_seconds: 1}");
    }

    private static List<String> meaningful(List<Arrived> lines) {
        return lines.stream().map(Arrived::line).filter(line -> !line.isEmpty() && !line.startsWith("event:"))
                .toList();
    }

    @Test
    void aNumericTokenIsRelayedAsANumber() {
        env.alpha.always(Behaviour.progress(1, Duration.ZERO));

        List<Arrived> events = data(read(env.postMcpStreaming(call("7"), BOTH)));

        assertThat(events).hasSize(2);
        assertThatJson(events.get(0).line()).inPath("params.progressToken").isEqualTo(7);
    }

    @Test
    void aClientThatReadsNoEventStreamGetsTheResultAsJsonAndTheBackendIsNotAskedForProgress() {
        env.alpha.always(Behaviour.progress(3, Duration.ZERO));

        HttpResponse<String> response = env.postJsonAccepting("/mcp", call("\"tok-2\""), "application/json");

        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThatJson(response.body()).inPath("result.structuredContent.success").isEqualTo(true);
        assertThat(env.alpha.callMeta()).singleElement().asString().doesNotContain("progressToken");
    }

    @Test
    void aCallThatSendsNoProgressIsAnsweredWithJson() {
        env.alpha.always(Behaviour.answer());

        HttpResponse<Stream<String>> response = env.postMcpStreaming(call("\"tok-3\""), BOTH);
        List<Arrived> lines = read(response);

        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(lines).singleElement().satisfies(line -> assertThatJson(line.line())
                .inPath("result.structuredContent.success").isEqualTo(true));
    }

    @Test
    void aCallWithoutATokenIsAnsweredWithJsonEvenWhenTheBackendStreams() {
        env.alpha.always(Behaviour.progress(3, Duration.ZERO)); // sends no progress without a token

        HttpResponse<String> response = env.postMcp(call(null));

        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThatJson(response.body()).inPath("result.structuredContent.success").isEqualTo(true);
    }
}
