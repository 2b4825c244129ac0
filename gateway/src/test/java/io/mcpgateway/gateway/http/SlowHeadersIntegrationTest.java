package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.Level;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.mcpkit.HeaderDeadline;

/**
 * A request whose headers arrive a line at a time, each line restarting Jetty's idle timeout (slowloris), is cut off
 * at {@code server.header_timeout_ms}, however far below the connection cap the gateway is; a connection idle
 * between requests, or sending them briskly, is not.
 */
@Timeout(60)
class SlowHeadersIntegrationTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

    @AutoClose
    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture(Map.of(), config -> config.withServer(config.server()
                .withHeaderTimeout(HEADER_TIMEOUT)));
    }

    @Test
    void headersTrickledInAreCutOffAtTheDeadlineWhileAnIdleConnectionStaysOpen() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(HeaderDeadline.class);
                Socket slow = new Socket("127.0.0.1", system.gateway.port());
                Socket idle = new Socket("127.0.0.1", system.gateway.port())) {
            long start = System.nanoTime();
            Thread dripping = Thread.ofVirtual().start(() -> drip(slow));
            send(idle, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readHead(idle)).startsWith("HTTP/1.1 200");

            assertThat(closedWithin(slow, 10)).as("the trickling connection, closed").isTrue();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            dripping.join();

            assertThat(seconds).as("seconds until it was closed").isBetween(HEADER_TIMEOUT.toSeconds(), 5L);
            send(idle, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readHead(idle)).as("the connection idle meanwhile, still served").startsWith("HTTP/1.1 200");
            assertThat(logs.messages(Level.WARN)).singleElement().asString()
                    .startsWith("Closed 1 client connection whose request headers took over 2 s to arrive");
        }
    }

    @Test
    void blankLinesBeforeARequestLineAreCutOffAtTheDeadlineToo() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", system.gateway.port())) {
            long start = System.nanoTime();
            Thread dripping = Thread.ofVirtual().start(() -> {
                try { // what Jetty skips before a request line, without leaving its state of waiting for one
                    for (int i = 0; i < 100; i++) {
                        send(slow, "\r\n");
                        Thread.sleep(300);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the gateway
                }
            });

            assertThat(closedWithin(slow, 10)).as("the connection sending blank lines, closed").isTrue();
            dripping.join();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds until it was closed")
                    .isBetween(HEADER_TIMEOUT.toSeconds(), 5L);
        }
    }

    @Test
    void aConnectionWhoseBodyCameLateIsNotTakenForOneSendingBlankLinesOnceIdle() throws Exception {
        String body = "{\"districts\":[\"Central\"]}";
        try (Socket socket = new Socket("127.0.0.1", system.gateway.port())) {
            send(socket, "POST /api/v1/restaurants/search/district HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + system.token() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            Thread.sleep(1_300); // a look finds the headers done and the body awaited
            send(socket, body);
            assertThat(readHead(socket)).startsWith("HTTP/1.1 200");
            readRest(socket);

            Thread.sleep(HEADER_TIMEOUT.toMillis() + 2_000); // idle, as between requests

            send(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readHead(socket)).as("still open, and served").startsWith("HTTP/1.1 200");
        }
    }

    /** What is left of an answer whose first read did not hold it all, read until nothing comes for a moment. */
    private static void readRest(Socket socket) throws IOException {
        socket.setSoTimeout(300);
        try {
            while (socket.getInputStream().read(new byte[65536]) > 0) {
                // dropped
            }
        } catch (SocketTimeoutException e) {
            // all of it read
        }
    }

    /** A request line, then a header line every 300 ms (well within any idle timeout) until the gateway closes it. */
    private static void drip(Socket socket) {
        try {
            send(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (int i = 0; i < 100; i++) {
                Thread.sleep(300);
                send(socket, "X-Slow: " + i + "\r\n");
            }
        } catch (IOException | InterruptedException e) {
            // closed by the gateway
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The status line and headers of the next answer (the health answers are small: one read holds them). */
    private static String readHead(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        byte[] buffer = new byte[8192];
        int read = socket.getInputStream().read(buffer);
        return read < 0 ? "(closed)" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }

    /** Whether the gateway ends the connection (its input ends, or it is reset) within {@code seconds}. */
    private static boolean closedWithin(Socket socket, int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        InputStream in = socket.getInputStream();
        try {
            in.readAllBytes();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
