package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.javalin.Javalin;

@Timeout(30)
class RequestEndIntegrationTest {

    /** Larger than what the kernel's buffers on both sides can hold, so the write is still going on at the reset. */
    private static final byte[] LARGE = new byte[16 * 1024 * 1024];

    private final List<String> ended = new CopyOnWriteArrayList<>();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            RequestEnd.enable(cfg, (ctx, millis) -> ended.add(ctx.path() + " " + ctx.status().getCode()));
            cfg.routes.get("/small", ctx -> ctx.result("ok"));
            cfg.routes.get("/large", ctx -> ctx.result(LARGE));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void aRequestAnsweredWholeEndsOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            send(socket, "/small");
            InputStream in = socket.getInputStream();
            in.readNBytes(in.available() > 0 ? in.available() : 1);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !ended.isEmpty());
        Thread.sleep(200);
        assertThat(ended).containsExactly("/small 200");
    }

    @Test
    void aRequestWhoseClientGoesAwayMidAnswerStillEnds() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
            send(socket, "/large");
            socket.getInputStream().readNBytes(512); // the answer is under way
            socket.setSoLinger(true, 0); // the close resets the connection
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ended).containsExactly("/large 200"));
    }

    private static void send(Socket socket, String path) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
