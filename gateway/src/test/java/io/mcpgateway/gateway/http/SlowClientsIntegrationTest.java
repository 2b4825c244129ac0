package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.mcpkit.LoggedConnectionLimit;

/**
 * Clients that send a request a little at a time, each byte restarting the idle timeout, as a slowloris attack does:
 * they must not keep the gateway from serving others.
 */
@Timeout(120)
class SlowClientsIntegrationTest {

    private static final int MAX_CONNECTIONS = 16;

    @AutoClose
    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture(Map.of(), config -> config.withServer(config.server()
                .withMaxConnections(MAX_CONNECTIONS)));
    }

    /** A connection that sends {@code start}, then {@code drip} every {@code millis} until the gateway closes it. */
    private static Socket trickling(String start, String drip, long millis) throws IOException {
        Socket socket = new Socket("127.0.0.1", system.gateway.port());
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    Thread.sleep(millis);
                    out.write(drip.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed: by the gateway, or by the test
            }
        });
        return socket;
    }

    /** What the gateway answers on {@code socket} before it closes it, waiting at most {@code seconds}. */
    private static String answerWithin(Socket socket, int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            return "(still open after " + seconds + " s)";
        } catch (IOException e) {
            return "(reset)";
        }
    }

    @Test
    void atTheConnectionCapTricklingConnectionsAreClosedSoOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.of(LoggedConnectionLimit.class)) {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                // a header line every 3 s, well within the idle timeout of 30 s, as slowloris tools do
                slow.add(trickling("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: 1\r\n", 3_000));
            }
            long start = System.nanoTime();

            assertThat(system.get("/health/live").statusCode()).as("another client, served").isEqualTo(200);

            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds it waited")
                    .isLessThan(10);
            assertThat(slow.stream().filter(SlowClientsIntegrationTest::closedByTheGateway).count())
                    .as("trickling connections closed long before the idle timeout of 30 s").isPositive();
            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage).as("said once, not per check")
                    .singleElement().asString().startsWith("Connections at their maximum (server.max_connections: 16)");
            assertThat(system.get("/metrics/prometheus").body())
                    .contains("gateway_client_connections{state=\"max\"} 16.0")
                    .containsPattern("gateway_client_connections\\{state=\"open\"} [1-9]");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Whether the gateway closed the connection (its input ended), looking for a moment only. */
    private static boolean closedByTheGateway(Socket socket) {
        try {
            socket.setSoTimeout(100);
            socket.getInputStream().readAllBytes();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void aBodyTrickledInIsCutOffWithA408() throws Exception {
        String head = "POST /api/v1/restaurants/search/district HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + system.token() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{\"districts\":";
        try (Socket socket = trickling(head, " ", 300)) {
            String answer = answerWithin(socket, 15);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"REQUEST_TIMEOUT\"")
                    .contains("arrived too slowly");
        }
        assertThat(system.get("/health/live").statusCode()).as("still serving").isEqualTo(200);
    }
}
