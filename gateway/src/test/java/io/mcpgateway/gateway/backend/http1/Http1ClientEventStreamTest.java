package io.mcpgateway.gateway.backend.http1;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.testsupport.ScriptedServer;

/**
 * Event-stream answers read up to the event the caller needs: a server may keep the stream open after it, and the
 * call returns with what it needs all the same; a stream that ends is read as before.
 */
@Timeout(60)
class Http1ClientEventStreamTest {

    /** Far longer than any answer here takes: a call that waits for a stream's end fails at it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String NOTE = "event: message\ndata: {\"method\":\"notifications/tools/list_changed\"}\n\n";
    private static final String ANSWER = "event: message\ndata: {\"id\":1,\"result\":{}}\n\n";
    private static final FinalEvent ANSWER_IS_FINAL =
            data -> new String(data, StandardCharsets.UTF_8).startsWith("{\"id\":1");

    private final CountDownLatch testOver = new CountDownLatch(1);
    private Http1Client client = new Http1Client(new ConnectionPoolSettings(4, 16, Duration.ofSeconds(30), 1024),
            Duration.ofSeconds(2), "test-agent");
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        testOver.countDown();
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private Http1Client.Response post(Duration timeout) throws IOException {
        return client.post(server.uri("/mcp"), Map.of(), "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                timeout, ANSWER_IS_FINAL);
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }

    /** Answers one request with {@code head} and {@code events}, then keeps the connection open until the test ends. */
    private ScriptedServer leftOpen(String head, String events) throws IOException {
        return new ScriptedServer(socket -> {
            readRequest(socket.getInputStream());
            send(socket, head + events);
            testOver.await();
        });
    }

    @Test
    void anErrorStatusWhoseEventStreamIsOverTheBoundIsThatStatusWithoutItsBody() throws Exception {
        String large = "event: message\ndata: {\"error\":\"" + "x".repeat(2048) + "\"}\n\n";
        server = leftOpen("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunk(large));

        Http1Client.Response response = post(TIMEOUT);

        // the status is what renews a token or counts a failure, not "too large"
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aChunkedStreamLeftOpenAfterTheAnswerReturnsTheEventsUpToItAndItsConnectionIsClosed() throws Exception {
        server = leftOpen(STREAM_HEAD, chunk(NOTE) + chunk(ANSWER) + chunk(": still here\n\n"));

        Http1Client.Response response = post(TIMEOUT);

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(NOTE + ANSWER);
        assertThat(client.openConnections()).as("the rest of the stream is unread: not used again").isZero();
    }

    @Test
    void aStreamWithoutLengthLeftOpenAfterTheAnswerReturnsTheEventsUpToIt() throws Exception {
        server = leftOpen("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n", NOTE + ANSWER);

        assertThat(new String(post(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo(NOTE + ANSWER);
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aStreamThatEndsWithTheAnswerKeepsItsConnection() throws Exception {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            while (readRequest(in) != null) {
                send(socket, STREAM_HEAD + chunk(NOTE) + chunk(ANSWER) + "0\r\n\r\n");
            }
        });

        assertThat(new String(post(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo(NOTE + ANSWER);
        assertThat(new String(post(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo(NOTE + ANSWER);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void aStreamThatEndsWithoutAFinalEventOrAnnouncesItsLengthIsReadWhole() throws Exception {
        String note = NOTE.repeat(2);
        String whole = NOTE + ANSWER + note;
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            readRequest(in);
            send(socket, STREAM_HEAD + chunk(note) + "0\r\n\r\n");
            readRequest(in);
            send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + whole.length()
                    + "\r\n\r\n" + whole);
            readRequest(in);
        });

        assertThat(new String(post(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo(note);
        assertThat(new String(post(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo(whole);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void aStreamPastTheBoundBeforeItsAnswerIsRefused() throws Exception {
        server = leftOpen(STREAM_HEAD, chunk(NOTE.repeat(8)) + chunk(NOTE.repeat(8)) + chunk(ANSWER));

        assertThatThrownBy(() -> post(TIMEOUT)).isInstanceOf(TooLargeException.class);
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aStreamLeftOpenWithoutTheAnswerEndsAtTheDeadline() throws Exception {
        server = leftOpen(STREAM_HEAD, chunk(NOTE));

        assertThatThrownBy(() -> post(Duration.ofMillis(300))).isInstanceOf(DeadlineException.class);
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aMalformedChunkBeforeTheAnswerIsRefused() throws Exception {
        server = leftOpen(STREAM_HEAD, "zz\r\n" + ANSWER + "\r\n");

        assertThatThrownBy(() -> post(TIMEOUT)).isInstanceOf(MalformedAnswerException.class);
    }
}
