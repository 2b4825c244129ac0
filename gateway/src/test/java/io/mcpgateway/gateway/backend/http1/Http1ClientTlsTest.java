package io.mcpgateway.gateway.backend.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.testsupport.ScriptedServer;

/**
 * Backends behind https: the server's certificate must chain to a trusted one and name the host called. The
 * certificates are made by the JDK's keytool for each run.
 */
class Http1ClientTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final ConnectionPoolSettings POOL = new ConnectionPoolSettings(4, 16, Duration.ofSeconds(30),
            1024 * 1024);

    @TempDir
    static Path keys;
    private static KeyStore forLocalhost;
    private static KeyStore forOtherHost;

    private HttpsServer server;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    static void makeCertificates() throws Exception {
        forLocalhost = keyStore("localhost", "dns:localhost");
        forOtherHost = keyStore("other", "dns:backend.example");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aTrustedCertificateForTheHostCarriesCallsOverOneConnection() throws Exception {
        int port = serve(forLocalhost);
        try (Http1Client client = new Http1Client(POOL, Duration.ofSeconds(5), "test", trusting(forLocalhost))) {
            for (int i = 0; i < 3; i++) {
                Http1Client.Response response = client.post(URI.create("https://localhost:" + port + "/mcp"),
                        Map.of(), "application/json", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5));
                assertThat(response.status()).isEqualTo(200);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
            }
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        int port = serve(forOtherHost);
        try (Http1Client client = new Http1Client(POOL, Duration.ofSeconds(5), "test", trusting(forOtherHost))) {
            assertThatThrownBy(() -> client.post(URI.create("https://localhost:" + port + "/mcp"), Map.of(),
                    "application/json", new byte[0], Duration.ofSeconds(5)))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(connections.get()).isZero();
    }

    @Test
    void aCertificateTheJdkDoesNotTrustIsRefused() throws Exception {
        int port = serve(forLocalhost);
        try (Http1Client client = new Http1Client(POOL, Duration.ofSeconds(5), "test")) {
            assertThatThrownBy(() -> client.post(URI.create("https://localhost:" + port + "/mcp"), Map.of(),
                    "application/json", new byte[0], Duration.ofSeconds(5)))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(client.openConnections()).isZero();
        }
    }

    @Test
    void aServerAnsweringInPlainHttpFailsTheHandshake() throws Exception {
        try (ScriptedServer plain = new ScriptedServer(socket -> socket.getOutputStream().write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                Http1Client client = new Http1Client(POOL, Duration.ofSeconds(5), "test", trusting(forLocalhost))) {
            assertThatThrownBy(() -> client.post(URI.create("https://localhost:" + plain.uri("/").getPort() + "/mcp"),
                    Map.of(), "application/json", new byte[0], Duration.ofSeconds(5)))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aRecordThatDoesNotDecryptAfterTheHandshakeIsATlsFailureButNotTheHandshakes() throws Exception {
        SSLContext context = serverContext(forLocalhost);
        try (ScriptedServer garbling = new ScriptedServer(socket -> {
            javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                    .createSocket(socket, null, true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            ScriptedServer.readRequest(secure.getInputStream());
            byte[] record = new byte[5 + 32]; // application data, TLS 1.2 framing, 32 bytes that do not decrypt
            record[0] = 23;
            record[1] = 3;
            record[2] = 3;
            record[4] = 32;
            socket.getOutputStream().write(record);
            Thread.sleep(1_000); // the client's read fails first
        }); Http1Client client = new Http1Client(POOL, Duration.ofSeconds(5), "test", trusting(forLocalhost))) {
            assertThatThrownBy(() -> client.post(URI.create("https://localhost:" + garbling.uri("/").getPort()
                    + "/mcp"), Map.of(), "application/json", new byte[0], Duration.ofSeconds(5)))
                    .isInstanceOf(javax.net.ssl.SSLException.class).isNotInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aServerThatNeverCompletesTheHandshakeEndsTheCallAtTheDeadlineOrTheConnectTimeout() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(socket -> Thread.sleep(10_000));
                Http1Client patient = new Http1Client(POOL, Duration.ofSeconds(5), "test", trusting(forLocalhost));
                Http1Client hasty = new Http1Client(POOL, Duration.ofMillis(300), "test", trusting(forLocalhost))) {
            URI uri = URI.create("https://localhost:" + silent.uri("/").getPort() + "/mcp");

            assertEndsWithin(() -> patient.post(uri, Map.of(), "application/json", new byte[0],
                    Duration.ofMillis(300)), DeadlineException.class);
            assertEndsWithin(() -> hasty.post(uri, Map.of(), "application/json", new byte[0], Duration.ofSeconds(5)),
                    java.net.SocketTimeoutException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void aServerThatStopsAnsweringOrReadingEndsTheCallAtTheDeadline() throws Exception {
        int port = serve(forLocalhost, 2_000);
        try (Http1Client client = new Http1Client(POOL, Duration.ofSeconds(5), "test", trusting(forLocalhost))) {
            URI uri = URI.create("https://localhost:" + port + "/mcp");
            assertEndsWithin(() -> client.post(uri, Map.of(), "application/json", new byte[0],
                    Duration.ofMillis(300)), DeadlineException.class);
            assertEndsWithin(() -> client.post(uri, Map.of(), "application/json", new byte[32 * 1024 * 1024],
                    Duration.ofMillis(300)), DeadlineException.class);
            assertThat(client.activeConnections()).isZero();
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The call fails with {@code type} well within 3 s of a 300 ms limit: closing included. */
    private static void assertEndsWithin(Call call, Class<? extends Throwable> type) {
        long started = System.nanoTime();
        assertThatThrownBy(call::run).isInstanceOf(type);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                Duration.ofSeconds(3));
    }

    private int serve(KeyStore keyStore) throws Exception {
        return serve(keyStore, 0);
    }

    /** Starts an https server echoing request bodies; counts the connections that got as far as a request. */
    private int serve(KeyStore keyStore, long stallMillis) throws Exception {
        SSLContext context = serverContext(keyStore);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        java.util.Set<Object> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        server.createContext("/mcp", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                if (seen.add(exchange.getRemoteAddress())) {
                    connections.incrementAndGet();
                }
                if (stallMillis > 0) {
                    sleep(stallMillis); // neither reads the request nor answers
                }
                byte[] body = in.readAllBytes();
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static SSLContext serverContext(KeyStore keyStore) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static javax.net.ssl.SSLSocketFactory trusting(KeyStore keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static KeyStore keyStore(String name, String subjectAlternativeName) throws Exception {
        Path file = keys.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + subjectAlternativeName,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
                new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
