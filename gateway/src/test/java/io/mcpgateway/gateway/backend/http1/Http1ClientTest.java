package io.mcpgateway.gateway.backend.http1;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.testsupport.RefusingPort;
import io.mcpgateway.testsupport.ScriptedServer;

/** The backend client against servers that answer exactly as scripted, well and badly. */
class Http1ClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    private Http1Client client = client(4, 16);
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private static Http1Client client(int maxConnections, int maxQueued) {
        return new Http1Client(new ConnectionPoolSettings(maxConnections, maxQueued, Duration.ofSeconds(30), 1024),
                Duration.ofSeconds(2), "test-agent");
    }

    /** Replaces the client by one whose answers may be {@code maxResponseBytes} long. */
    private void useBound(int maxResponseBytes) {
        client.close();
        client = new Http1Client(new ConnectionPoolSettings(4, 16, Duration.ofSeconds(30), maxResponseBytes),
                Duration.ofSeconds(2), "test-agent");
    }

    private Http1Client.Response post() throws IOException {
        return post(TIMEOUT);
    }

    private Http1Client.Response post(Duration timeout) throws IOException {
        return client.post(server.uri("/mcp?x=1"), Map.of("Accept", "application/json"), "application/json",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** Answers every request on a connection with {@code answer}, as long as the client keeps it open. */
    private static ScriptedServer.Script always(String answer) {
        return socket -> {
            InputStream in = socket.getInputStream();
            while (readRequest(in) != null) {
                send(socket, answer);
            }
        };
    }

    @Test
    void theRequestCarriesItsLineHostLengthAndFieldsAndTheAnswerItsStatusFieldsAndBody() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        server = new ScriptedServer(socket -> {
            seen.complete(readRequest(socket.getInputStream()));
            send(socket, "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nMcp-Session-Id: s1\r\n"
                    + "X-Twice: a\r\nX-Twice: b\r\nContent-Length: 7\r\n\r\n{\"b\":2}");
        });

        Http1Client.Response response = post();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.field("content-type")).isEqualTo("application/json");
        assertThat(response.field("mcp-session-id")).isEqualTo("s1");
        assertThat(response.field("x-twice")).isEqualTo("a, b");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
        String request = seen.get(5, TimeUnit.SECONDS);
        assertThat(request).startsWith("POST /mcp?x=1 HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + server.uri("/").getPort() + "\r\n", "\r\nContent-Length: 7\r\n",
                        "\r\nContent-Type: application/json\r\n", "\r\nAccept: application/json\r\n",
                        "\r\nUser-Agent: test-agent\r\n")
                .doesNotContain("Accept-Encoding").endsWith("\r\n\r\n{\"a\":1}");
    }

    @Test
    void aHeaderSectionEndsWithAnEmptyLineWhicheverOfItsLinesEndWithABareLineFeed() throws Exception {
        for (String ending : new String[] {"\r\n\r\n", "\n\n", "\n\r\n", "\r\n\n"}) {
            String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7" + ending
                    + "{\"b\":2}";
            try (ScriptedServer scripted = new ScriptedServer(always(answer))) {
                server = scripted;
                for (int i = 0; i < 2; i++) { // the second on the same connection: the body was read exactly
                    Http1Client.Response response = post(Duration.ofSeconds(2));
                    assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(ending).isEqualTo("{\"b\":2}");
                }
                assertThat(scripted.accepted()).isEqualTo(1);
            }
        }
        server = null;
    }

    @Test
    void keepAliveConnectionsCarryOneCallAfterAnother() throws Exception {
        server = new ScriptedServer(always(OK));

        for (int i = 0; i < 5; i++) {
            assertThat(post().status()).isEqualTo(200);
        }

        assertThat(server.accepted()).isEqualTo(1);
        assertThat(client.openConnections()).isEqualTo(1);
        assertThat(client.activeConnections()).isZero();
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsNotUsedAgain() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        server = new ScriptedServer(socket -> {
            readRequest(socket.getInputStream());
            send(socket, OK);
            socket.close(); // as a server does after its idle timeout
            closed.countDown();
        });

        assertThat(post().status()).isEqualTo(200);
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue(); // over loopback the FIN has arrived by then
        assertThat(post().status()).isEqualTo(200);

        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void connectionCloseAndHttp10AnswersEndTheirConnection() throws Exception {
        server = new ScriptedServer(always("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
        post();
        post();
        assertThat(server.accepted()).isEqualTo(2);
        server.close();

        server = new ScriptedServer(always("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        post();
        post();
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void interimAnswersAreSkipped() throws Exception {
        server = new ScriptedServer(always("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + OK));

        Http1Client.Response response = post();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chunkedAnswersWithExtensionsZeroPaddedSizesAndTrailersArriveWhole() throws Exception {
        server = new ScriptedServer(always("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\n{\"a\"\r\n0000000003\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n"));

        assertThat(new String(post().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(post().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutLengthEndsWhenTheServerClosesAndItsConnectionIsNotKept() throws Exception {
        server = new ScriptedServer(socket -> {
            readRequest(socket.getInputStream());
            send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"until\":");
            Thread.sleep(50);
            send(socket, "\"close\"}");
        });

        assertThat(new String(post().body(), StandardCharsets.UTF_8)).isEqualTo("{\"until\":\"close\"}");
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void anEmptyBodyWithAContentCodingIsEmpty() throws Exception {
        server = new ScriptedServer(always(
                "HTTP/1.1 202 Accepted\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\n\r\n"));

        assertThat(post().status()).isEqualTo(202);
        assertThat(post().body()).isEmpty();
    }

    @Test
    void idleConnectionsAreClosedOnceTheyAgeOutEvenWithoutFurtherCalls() throws Exception {
        client.close();
        client = new Http1Client(new ConnectionPoolSettings(4, 16, Duration.ofMillis(200), 1024), Duration.ofSeconds(2),
                "test-agent");
        server = new ScriptedServer(always(OK));
        post();
        assertThat(client.openConnections()).isEqualTo(1);

        for (int i = 0; i < 300 && client.openConnections() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aConnectionPastItsMaxAgeIsClosedAfterItsCallSoTheNextOneConnectsAnew() throws Exception {
        client.close();
        client = new Http1Client(new ConnectionPoolSettings(4, 16, Duration.ofSeconds(30), 1024,
                Duration.ofMillis(300)), Duration.ofSeconds(2), "test-agent");
        server = new ScriptedServer(always(OK));
        post();
        post();
        assertThat(server.accepted()).as("reused while young").isEqualTo(1);

        Thread.sleep(350);
        post();

        assertThat(server.accepted()).as("a new connection, where a load balancer may pick another replica")
                .isEqualTo(2);
        post();
        assertThat(server.accepted()).isEqualTo(2);
        assertThat(client.openConnections()).isEqualTo(1);
    }

    @Test
    void answersWithoutBodyByTheirStatusAreEmpty() throws Exception {
        server = new ScriptedServer(always("HTTP/1.1 204 No Content\r\n\r\n"));

        assertThat(post().body()).isEmpty();
        assertThat(post().status()).isEqualTo(204);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void malformedAnswersAreRefusedAndTheirConnectionsClosed() throws Exception {
        for (String answer : new String[] {
            "HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\n{}",
            "HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\n{}",
            "SSH-2.0-OpenSSH\r\n\r\n",
            "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\n folded: line\r\n\r\n",
            "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x2\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000000\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
            "HTTP/1.1 200 OK\r\nMcp-Session-Id: a\u0000b\r\nContent-Length: 2\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nMcp-Session-Id: a\rb\r\nContent-Length: 2\r\n\r\n{}",
        }) {
            try (ScriptedServer bad = new ScriptedServer(always(answer))) {
                server = bad;
                assertThatThrownBy(this::post).as(answer).isInstanceOf(MalformedAnswerException.class)
                        .message().doesNotContain("Mcp-Session-Id"); // the backend's text: logged, never shown
                assertThat(client.openConnections()).as(answer).isZero();
            }
        }
        server = null;
    }

    @Test
    void aConnectionClosedBeforeOrWithinTheAnswerIsAnEndOfStream() throws Exception {
        for (String answer : new String[] {"", "HTTP/1.1 200 OK\r\nContent-Le", OK.substring(0, OK.length() - 1),
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\""}) {
            try (ScriptedServer cut = new ScriptedServer(socket -> {
                readRequest(socket.getInputStream());
                send(socket, answer);
            })) {
                server = cut;
                assertThatThrownBy(this::post).as(answer).isInstanceOf(EOFException.class);
            }
        }
        server = null;
    }

    @Test
    void answersLargerThanTheBoundAreRefusedHoweverTheyAreFramed() throws Exception {
        String big = "x".repeat(1025);
        for (String answer : new String[] {
            "HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n" + big,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n" + big.substring(0, 512) + "\r\n201\r\n"
                    + big.substring(0, 513) + "\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + big,
        }) {
            try (ScriptedServer large = new ScriptedServer(always(answer))) {
                server = large;
                assertThatThrownBy(this::post).as(answer).isInstanceOf(TooLargeException.class);
            }
        }
        server = null;
    }

    @Test
    void anErrorStatusWithABodyLargerThanTheBoundIsThatStatusWithoutItsBodyAndItsConnectionIsDropped()
            throws Exception {
        String big = "x".repeat(2048);
        for (String answer : new String[] {
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2048\r\n\r\n" + big,
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n"
                    + big + "\r\n0\r\n\r\n",
            "HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n" + big,
        }) {
            try (ScriptedServer large = new ScriptedServer(always(answer))) {
                server = large;
                Http1Client.Response response = post();
                // the status is what the caller's retries, breaker and token renewal act on, not "too large"
                assertThat(response.status()).as(answer).isEqualTo(Integer.parseInt(answer.substring(9, 12)));
                assertThat(response.body()).as(answer).isEmpty();
                assertThat(client.activeConnections()).isZero();
                assertThat(client.openConnections()).as("not reused: its body was not read").isZero();
            }
        }
        server = null;
    }

    @Test
    void anAnswerLargerThanWhatIsSetAsideUpfrontArrivesWhole() throws Exception {
        useBound(4 * 1024 * 1024);
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(body);
        server = new ScriptedServer(socket -> {
            readRequest(socket.getInputStream());
            send(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
            for (int at = 0; at < body.length; at += 100_000) {
                socket.getOutputStream().write(body, at, Math.min(100_000, body.length - at));
            }
            readRequest(socket.getInputStream());
        });

        assertThat(post().body()).isEqualTo(body);
    }

    @Test
    void aChunkLargerThanWhatIsSetAsideUpfrontArrivesWhole() throws Exception {
        useBound(8 * 1024 * 1024);
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(11).nextBytes(body);
        server = new ScriptedServer(socket -> {
            readRequest(socket.getInputStream());
            send(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n"
                    + Integer.toHexString(body.length) + "\r\n");
            for (int at = 0; at < body.length; at += 100_000) {
                socket.getOutputStream().write(body, at, Math.min(100_000, body.length - at));
            }
            send(socket, "\r\n0\r\n\r\n");
            readRequest(socket.getInputStream());
        });

        byte[] expected = new byte[5 + body.length];
        System.arraycopy("first".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 5);
        System.arraycopy(body, 0, expected, 5, body.length);
        assertThat(post().body()).isEqualTo(expected);
    }

    @Test
    void aChunkAnnouncedAtTheBoundAndNeverSentHoldsOnlyWhatIsSetAsideUntilTheDeadline() throws Exception {
        int bound = 32 * 1024 * 1024;
        useBound(bound);
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            while (readRequest(in) != null) {
                send(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(bound - 16) + "\r\n{\"a\":");
            }
        });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());

        assertThatThrownBy(() -> post(Duration.ofMillis(300))).isInstanceOf(DeadlineException.class);

        // it was the whole chunk, 32 MB, for a call whose answer never came
        assertThat(threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before)
                .isLessThan(4L * 1024 * 1024);
    }

    @Test
    void trailerFieldsWithoutEndAreRefused() throws Exception {
        server = new ScriptedServer(always("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n"
                + "X-Trailer: t\r\n".repeat(101) + "\r\n"));

        assertThatThrownBy(this::post).isInstanceOf(MalformedAnswerException.class)
                .hasMessageContaining("trailer fields");
    }

    @Test
    void anErrorAnswerInACodingTheGatewayCannotDecodeKeepsItsStatus() throws Exception {
        server = new ScriptedServer(always("HTTP/1.1 503 Service Unavailable\r\nContent-Encoding: br\r\n"
                + "Content-Length: 4\r\n\r\n\u000b\u0001\u0080x"));

        Http1Client.Response response = post();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
        server.close();
        server = new ScriptedServer(always("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n{}"));
        assertThatThrownBy(this::post).isInstanceOf(MalformedAnswerException.class); // a success must be readable
    }

    @Test
    void aGzippedAnswerIsDecodedWithinTheBound() throws Exception {
        byte[] small = gzip("{\"a\":1}");
        byte[] bomb = gzip("x".repeat(100_000));
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            readRequest(in);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + small.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(small);
            readRequest(in);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + bomb.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bomb);
        });

        assertThat(new String(post().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThatThrownBy(this::post).isInstanceOf(TooLargeException.class);
    }

    @Test
    void aServerThatNeverAnswersOrStopsMidwayEndsTheCallAtTheDeadline() throws Exception {
        server = new ScriptedServer(socket -> {
            readRequest(socket.getInputStream());
            send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"");
            Thread.sleep(10_000);
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> post(Duration.ofMillis(300))).isInstanceOf(DeadlineException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                Duration.ofSeconds(3));
        server.close();

        server = new ScriptedServer(socket -> Thread.sleep(10_000));
        assertThatThrownBy(() -> post(Duration.ofMillis(300))).isInstanceOf(DeadlineException.class);
        assertThat(client.openConnections()).isZero();
        assertThat(client.activeConnections()).isZero();
    }

    @Test
    void aLargeRequestTheServerDoesNotReadIsCutAtTheDeadline() throws Exception {
        server = new ScriptedServer(socket -> Thread.sleep(10_000)); // accepts, never reads
        byte[] body = new byte[32 * 1024 * 1024];
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.post(server.uri("/mcp"), Map.of(), "application/json", body,
                Duration.ofMillis(300))).isInstanceOf(DeadlineException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(client.activeConnections()).isZero();
    }

    @Test
    void anAnswerTheServerSendsBeforeReadingTheWholeRequestIsReadNotTheWritesFailure() throws Exception {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            in.readNBytes(64); // the request line and a little more: then it answers and closes, as over a limit
            send(socket, "HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket.close();
        });
        byte[] body = new byte[16 * 1024 * 1024];

        Http1Client.Response response = client.post(server.uri("/mcp"), Map.of(), "application/json", body, TIMEOUT);

        assertThat(response.status()).isEqualTo(413);
        assertThat(client.openConnections()).as("a connection whose request was cut is not kept").isZero();
    }

    @Test
    void callsBeyondTheConnectionsWaitInABoundedQueueWithinTheirDeadline() throws Exception {
        client.close();
        client = client(1, 1);
        CountDownLatch answer = new CountDownLatch(1);
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            while (readRequest(in) != null) {
                answer.await();
                send(socket, OK);
            }
        });
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(this::status, Thread::startVirtualThread);
        awaitActive(1);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(this::status, Thread::startVirtualThread);
        for (int i = 0; i < 500 && client.waitingCalls() < 1; i++) {
            Thread.sleep(10);
        }

        assertThatThrownBy(this::post).isInstanceOf(QueueFullException.class)
                .hasMessage("1 calls wait for a connection already");
        answer.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void aCallWaitingForAConnectionStopsWaitingAtItsDeadline() throws Exception {
        client.close();
        client = client(1, 4);
        server = new ScriptedServer(socket -> Thread.sleep(10_000));
        CompletableFuture.runAsync(() -> status(), Thread::startVirtualThread);
        awaitActive(1);

        assertThatThrownBy(() -> post(Duration.ofMillis(200))).isInstanceOf(DeadlineException.class);
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws Exception {
        try (RefusingPort port = new RefusingPort()) {
            assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + port.port() + "/mcp"), Map.of(),
                    "application/json", new byte[0], TIMEOUT)).isInstanceOf(ConnectException.class);
        }
        assertThat(client.activeConnections()).isZero();
    }

    @Test
    void headerFieldsThatCouldSplitTheRequestAreRefusedBeforeAnythingIsSent() throws Exception {
        server = new ScriptedServer(always(OK));
        for (Map<String, String> headers : java.util.List.of(Map.of("X-Id", "a\r\nInjected: yes"),
                Map.of("X-Id", "a\nb"), Map.of("Bad Name", "v"), Map.of("X:Id", "v"), Map.of("X-Id", "\u20ac"))) {
            assertThatThrownBy(() -> client.post(server.uri("/mcp"), headers, "application/json", new byte[0],
                    TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.accepted()).isZero();
    }

    @Test
    void aClosedClientOpensNoMoreConnections() throws Exception {
        server = new ScriptedServer(always(OK));
        client.close();

        assertThatThrownBy(this::post).isInstanceOf(IOException.class).hasMessage("the client is closed");
        assertThat(server.accepted()).isZero();
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void onlyHttpAndHttpsUrlsAreCalled() {
        assertThatThrownBy(() -> client.post(URI.create("ftp://127.0.0.1/x"), Map.of(), "application/json",
                new byte[0], TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
    }

    private int status() {
        try {
            return post().status();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void awaitActive(int count) throws InterruptedException {
        for (int i = 0; i < 200 && client.activeConnections() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(client.activeConnections()).isEqualTo(count);
    }

    private static byte[] gzip(String text) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
