package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.gateway.config.OutboundCredentials;
import io.mcpgateway.gateway.config.ResilienceSettings;

/** Reading a backend's whole answer: every byte, in whatever framing it comes, and never past the bound. */
class BackendConnectionsTest {

    private static final int MAX_BYTES = 256 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpServer server;
    private BackendConnections connections;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        BackendSettings defaults = BackendSettings.withDefaults("alpha", base);
        connections = new BackendConnections(new BackendSettings("alpha", base, "/mcp", "/health", true,
                defaults.connectTimeout(), TIMEOUT, defaults.totalTimeout(), new ConnectionPoolSettings(4, 16,
                        Duration.ofSeconds(30), MAX_BYTES), OutboundCredentials.none(), List.of(), true));
    }

    @AfterEach
    void stop() {
        connections.close();
        server.stop(0);
    }

    @Test
    void anAnswerWithItsLengthArrivesWholeWithStatusTypeAndSession() throws Exception {
        byte[] body = randomJsonish(200_000);
        answer("/fixed", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Mcp-Session-Id", "s-1");
            send(exchange, 200, body, body.length);
        });

        BackendConnections.Answer answer = post("/fixed");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.sessionId()).isEqualTo("s-1");
        assertThat(answer.body()).isEqualTo(body);
    }

    @Test
    void aChunkedAnswerOfUnknownLengthArrivesWhole() throws Exception {
        byte[] body = randomJsonish(150_001);
        answer("/chunked", exchange -> send(exchange, 200, body, 0));

        assertThat(post("/chunked").body()).isEqualTo(body);
    }

    @Test
    void aCompressedAnswerArrivesDecodedAndLongerThanItsAnnouncedLength() throws Exception {
        byte[] body = "{\"items\":[1,2,3]}".repeat(5_000).getBytes(StandardCharsets.UTF_8);
        byte[] gzipped = gzip(body);
        answer("/gzip", exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            send(exchange, 200, gzipped, gzipped.length);
        });

        assertThat(post("/gzip").body()).isEqualTo(body);
    }

    @Test
    void emptyAndErrorAnswersKeepTheirStatus() throws Exception {
        answer("/empty", exchange -> send(exchange, 202, new byte[0], -1));
        answer("/error", exchange -> send(exchange, 500, "{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8), 0));

        assertThat(post("/empty").status()).isEqualTo(202);
        assertThat(post("/empty").body()).isEmpty();
        assertThat(post("/error").status()).isEqualTo(500);
        assertThat(new String(post("/error").body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"boom\"}");
    }

    @Test
    void anAnswerAnnouncedLargerThanTheBoundIsRefused() {
        byte[] body = new byte[MAX_BYTES + 1];
        answer("/announced", exchange -> send(exchange, 200, body, body.length));

        assertRefusedAsTooLarge("/announced");
    }

    @Test
    void aChunkedAnswerGrowingPastTheBoundIsRefusedAndTheNextCallWorks() throws Exception {
        byte[] body = new byte[MAX_BYTES + 10];
        answer("/growing", exchange -> send(exchange, 200, body, 0));
        answer("/small", exchange -> send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8), 2));

        assertRefusedAsTooLarge("/growing");
        assertThat(post("/small").body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerOfExactlyTheBoundIsRead() throws Exception {
        byte[] body = randomJsonish(MAX_BYTES);
        answer("/exact", exchange -> send(exchange, 200, body, 0));

        assertThat(post("/exact").body()).isEqualTo(body);
    }

    @Test
    void aHeaderThatCannotBeSentIsAFailedCallNeitherRetriedNorCountedAgainstTheBackend() {
        answer("/any", exchange -> send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8), 2));

        BackendFailure failure = catchThrowableOfType(BackendFailure.class, () -> connections.post(
                base.resolve("/any"), new byte[0], Map.of("X-Id", "a\r\nInjected: 1"), TIMEOUT));

        assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.NOT_SENT);
        assertThat(failure.getMessage()).isEqualTo(
                "backend 'alpha' cannot be called: a header field that cannot be sent: X-Id");
        assertThat(RetryPolicy.isTransient(failure)).isFalse();
        assertThat(ResilienceConfigs.circuitBreaker(ResilienceSettings.defaults(), Clock.systemUTC())
                .getIgnoreExceptionPredicate().test(failure)).as("ignored by the circuit breaker").isTrue();
    }

    @Test
    void aBackendThatResetsTheConnectionIsSaidToHaveResetIt() throws Exception {
        BackendFailure failure = failureFromRawServer("http", accepted -> {
            accepted.getInputStream().read(new byte[8192]); // the request, then a reset instead of an answer
            accepted.setSoLinger(true, 0);
        });

        assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.UNAVAILABLE);
        assertThat(failure.getMessage()).isEqualTo("backend 'alpha' reset the connection");
    }

    @Test
    void aFailedHandshakeIsNamedForCallersWithTheJdksReasonForTheLogOnly() throws Exception {
        BackendFailure failure = failureFromRawServer("https", accepted -> accepted.getOutputStream().write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.UNAVAILABLE);
        assertThat(failure.getMessage()).isEqualTo("backend 'alpha' failed the TLS handshake");
        assertThat(failure.forLog()).startsWith("backend 'alpha' failed the TLS handshake (").doesNotContain("\n");
    }

    @Test
    void aRedirectIsNotFollowedAndWhereItLeadsIsForTheLog() throws Exception {
        answer("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://u:pw@tools.example.com/mcp/?session=s3cr3t");
            send(exchange, 308, new byte[0], -1);
        });

        BackendConnections.Answer answer = post("/moved");
        BackendFailure failure = BackendFailure.httpStatus("alpha", answer, "tools/call", false);

        assertThat(answer.status()).isEqualTo(308);
        assertThat(failure.getMessage()).as("for callers: the backend's address is the operator's")
                .isEqualTo("backend 'alpha' answered HTTP 308 to tools/call (a redirect, which the gateway does not"
                        + " follow)");
        assertThat(failure.forLog()).as("without what may be a secret")
                .endsWith("follow) (Location: https://tools.example.com/mcp/)");
    }

    private interface RawAnswer {
        void handle(Socket accepted) throws IOException;
    }

    /** The failure of a call to a server that does {@code answer} with the one connection it accepts. */
    private BackendFailure failureFromRawServer(String scheme, RawAnswer answer) throws IOException {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket accepted = raw.accept()) {
                    answer.handle(accepted);
                } catch (IOException e) {
                    // the test's assertions say what went wrong
                }
            });
            URI uri = URI.create(scheme + "://127.0.0.1:" + raw.getLocalPort() + "/mcp");
            return catchThrowableOfType(BackendFailure.class, () -> connections.post(uri,
                    "{}".getBytes(StandardCharsets.UTF_8), Map.of(), TIMEOUT));
        }
    }

    private void assertRefusedAsTooLarge(String path) {
        assertThatThrownBy(() -> post(path)).isInstanceOfSatisfying(BackendFailure.class, e -> {
            assertThat(e.kind()).isEqualTo(BackendFailure.Kind.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("backend 'alpha' answered with more than " + MAX_BYTES
                    + " bytes (max_response_bytes)");
            assertThat(RetryPolicy.isTransient(e)).as("it would be as large again").isFalse();
            assertThat(ResilienceConfigs.circuitBreaker(ResilienceSettings.defaults(), Clock.systemUTC())
                    .getIgnoreExceptionPredicate().test(e)).as("ignored by the circuit breaker").isTrue();
        });
    }

    private BackendConnections.Answer post(String path) throws BackendFailure {
        return connections.post(base.resolve(path), "{}".getBytes(StandardCharsets.UTF_8), Map.of(), TIMEOUT);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void answer(String path, Handler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            }
        });
    }

    /** @param length the announced length; 0 for chunked, -1 for no body */
    private static void send(HttpExchange exchange, int status, byte[] body, long length) throws IOException {
        exchange.sendResponseHeaders(status, length);
        if (length >= 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                for (int at = 0; at < body.length; at += 7_000) { // many writes: many chunks and reads
                    out.write(body, at, Math.min(7_000, body.length - at));
                    out.flush();
                }
            }
        }
    }

    private static byte[] randomJsonish(int size) {
        byte[] alphabet = "{}[]\",:\\ abcxyz0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
