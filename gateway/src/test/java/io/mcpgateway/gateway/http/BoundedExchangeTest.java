package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.testsupport.RefusingPort;
import io.mcpgateway.testsupport.ScriptedServer;

/** Exchanges of the JDK's client bounded as a whole: a body that stalls or never ends holds no one up. */
@Timeout(20)
class BoundedExchangeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeClient() {
        http.shutdownNow();
    }

    private static ScriptedServer answering(String head, String body, boolean thenStall) throws Exception {
        return new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            ScriptedServer.send(socket, head + body);
            if (thenStall) {
                Thread.sleep(60_000);
            }
        });
    }

    private static HttpRequest get(ScriptedServer server) {
        return HttpRequest.newBuilder(server.uri("/health")).timeout(TIMEOUT).build();
    }

    @Test
    void aBodyThatStallsAfterTheHeadersEndsAtTheTimeout() throws Exception {
        try (ScriptedServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "abc", true)) {
            assertThatThrownBy(() -> BoundedExchange.send(http, get(server), HttpResponse.BodyHandlers.discarding(),
                    TIMEOUT)).isInstanceOf(HttpTimeoutException.class).hasMessage("no whole answer within 300 ms");
            assertThatThrownBy(() -> BoundedExchange.send(http, get(server), BoundedExchange.bytesUpTo(1_000),
                    TIMEOUT)).isInstanceOf(HttpTimeoutException.class);
            // the exchanges were cancelled, not left waiting: closing the client (which waits for them) returns
            assertTimeoutPreemptively(Duration.ofSeconds(5), http::close);
        }
    }

    @Test
    void aHostThatDoesNotResolveIsNotTakenForARefusedConnection() {
        HttpRequest misspelt = HttpRequest.newBuilder(URI.create("http://restaurant-serch.invalid:8081/health"))
                .timeout(Duration.ofSeconds(5)).build();
        try (RefusingPort down = new RefusingPort()) {
            HttpRequest refused = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + down.port()
                    + "/health")).timeout(Duration.ofSeconds(5)).build();

            assertThat(connectFailure(misspelt)).hasValue("the host name does not resolve");
            assertThat(connectFailure(refused)).hasValue("connection refused");
        }
    }

    private Optional<String> connectFailure(HttpRequest request) {
        IOException failure = catchThrowableOfType(IOException.class, () -> BoundedExchange.send(http, request,
                HttpResponse.BodyHandlers.discarding(), Duration.ofSeconds(5)));
        return BoundedExchange.connectFailure(failure);
    }

    @Test
    void theBodyOfAnAnswerOtherThanA200IsNotReadAtAll() throws Exception {
        // a 503 whose page would take a minute to arrive: the answer is back as its headers are
        try (ScriptedServer server = answering("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100000000\r\n\r\n",
                "x".repeat(1_000), true)) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = BoundedExchange.send(http, get(server),
                    BoundedExchange.bytesOf200UpTo(1_000), Duration.ofSeconds(10));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aBodyLargerThanTheLimitIsRefused() throws Exception {
        String body = "x".repeat(5_000);
        try (ScriptedServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", body, false)) {
            assertThatThrownBy(() -> BoundedExchange.send(http, get(server), BoundedExchange.bytesUpTo(4_999),
                    TIMEOUT)).isInstanceOf(BoundedExchange.AnswerTooLargeException.class)
                    .hasMessage("the answer is larger than 4999 bytes");
        }
    }

    @Test
    void aWholeAnswerWithinTheLimitIsRead() throws Exception {
        String body = "{\"status\":\"ok\"}" + " ".repeat(20_000);
        try (ScriptedServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n",
                body, false)) {
            HttpResponse<byte[]> response = BoundedExchange.send(http, get(server),
                    BoundedExchange.bytesUpTo(body.length()), TIMEOUT);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }
}
