package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A reload hands the replaced gateway's open circuit breakers to the new one ({@link Handover}). The replaced
 * gateway serves until the new one is ready, which takes seconds (tool lists, the issuer's keys, probes): a breaker
 * that opens in that time must still be open in the gateway that takes over.
 */
@Timeout(60)
class ReloadBreakerHandoverIntegrationTest {

    private static final Map<String, String> FROM_FILE = ConfigReloadIntegrationTest.FROM_FILE;
    private static final String QUICK_BREAKER = ConfigReloadIntegrationTest.BASE
            + "resilience: {minimum_calls: 2, sliding_window_size: 2, max_attempts: 1}\n";
    private static final String ANALYZE = "{\"restaurants\": [{\"id\": \"r1\", \"name\": \"One\","
            + " \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}]}";

    @TempDir
    Path dir;
    private Path file;
    private GatewayFixture system;
    private HttpServer keys;
    private final CountDownLatch keysAsked = new CountDownLatch(1);
    private final CountDownLatch keysReleased = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        file = dir.resolve("gateway.yaml");
        Files.writeString(file, QUICK_BREAKER);
        system = new GatewayFixture(FROM_FILE, file);
        // the issuer's key set, served only once the test lets it: the new gateway waits for it before it serves
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.createContext("/jwks", exchange -> {
            keysAsked.countDown();
            try {
                keysReleased.await(10, TimeUnit.SECONDS);
                byte[] body = onANewConnection(HttpRequest.newBuilder(system.oauth.jwksUrl(GatewayFixture.ISSUER_ID)
                        .uri())).body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        keys.start();
    }

    @AfterEach
    void stop() {
        keysReleased.countDown();
        if (keys != null) {
            keys.stop(0);
        }
        if (system != null) {
            system.close();
        }
    }

    /**
     * {@code GatewayServer.start} copies the replaced gateway's open breakers ({@code keepOpenBreakersOf}) when it
     * wires the new gateway, before it lists tools, fetches the keys and probes the backends. A backend that fails
     * in that time opens the breaker of the gateway still serving; the gateway that takes over starts with a closed
     * one and sends every request to the failing backend again, each waiting for its failure.
     */
    @Test
    void aBreakerThatOpensWhileTheNewGatewayGetsReadyIsStillOpenAfterTheReload() throws Exception {
        assertThat(reasoningBreaker()).isEqualTo("closed");
        Files.writeString(file, QUICK_BREAKER.replace("auth: {admin_scopes: [gateway-admin]}",
                "auth: {admin_scopes: [gateway-admin], jwks_uri: \"http://127.0.0.1:" + keys.getAddress().getPort()
                        + "/jwks\"}"));
        AtomicReference<HttpResponse<String>> reloaded = new AtomicReference<>();
        Thread reload = Thread.ofVirtual().start(() -> reloaded.set(onANewConnection(HttpRequest.newBuilder(
                system.url("/config/reload")).header("Authorization", "Bearer " + system.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()))));
        assertThat(keysAsked.await(20, TimeUnit.SECONDS)).as("the new gateway fetches its keys").isTrue();

        // the new gateway is wired and waits for the keys; the replaced one serves and finds the backend failing
        system.reasoning.close();
        String auth = "Bearer " + system.token();
        await().atMost(Duration.ofSeconds(4)).until(() -> {
            system.post("/api/v1/restaurants/analyze", ANALYZE, "Authorization", auth);
            return reasoningBreaker();
        }, "open"::equals);
        keysReleased.countDown();
        reload.join();

        assertThatJson(reloaded.get().body()).inPath("data.reloaded").isEqualTo(true);
        assertThat(reasoningBreaker()).as("the breaker of the gateway serving now").isEqualTo("open");
    }

    /**
     * After taking over, the replaced gateway still answers one more request on each connection it had open (for 2 s,
     * with {@code Connection: close}); a breaker it opens then must open in the gateway serving now too.
     */
    @Test
    void aBreakerThatTheReplacedGatewayOpensOnItsLastRequestsIsOpenInTheGatewayServingNow() throws Exception {
        String token = system.token();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) { // minimum_calls: 2
                Socket socket = new Socket("127.0.0.1", system.gateway.port());
                socket.setSoTimeout(10_000);
                assertThat(exchange(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                        .startsWith("HTTP/1.1 200");
                open.add(socket);
            }
            Files.writeString(file, QUICK_BREAKER + "cache: {ttl_seconds: 30}\n");
            // down before the reload: the replaced gateway answers on its connections for 2 s after the takeover, and
            // stopping a server after it took longer than that on a loaded machine
            system.reasoning.close();
            HttpResponse<String> reloaded = onANewConnection(HttpRequest.newBuilder(system.url("/config/reload"))
                    .header("Authorization", "Bearer " + system.adminToken())
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThatJson(reloaded.body()).inPath("data.reloaded").isEqualTo(true);

            for (Socket socket : open) { // the replaced gateway's last requests, to the backend now down
                assertThat(exchange(socket, "POST /api/v1/restaurants/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + ANALYZE.length() + "\r\n\r\n" + ANALYZE)).startsWith("HTTP/1.1 503");
            }

            assertThat(reasoningBreaker()).as("the breaker of the gateway serving now").isEqualTo("open");
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    /** Sends {@code request} and reads the head and body of the answer (by its Content-Length). */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }

    private String reasoningBreaker() {
        String health = onANewConnection(HttpRequest.newBuilder(system.url("/health"))).body();
        JsonNode backends = system.mapper.readTree(health).path("backends");
        return backends.path("restaurant-reasoning").path("circuit_breaker").asString();
    }

    private static HttpResponse<String> onANewConnection(HttpRequest.Builder request) {
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            return fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
