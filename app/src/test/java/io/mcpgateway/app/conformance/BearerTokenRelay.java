package io.mcpgateway.app.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A loopback HTTP relay that adds {@code Authorization: Bearer <token>} to every request before passing it to a
 * target port, for clients that cannot send a header of their own (the conformance suite's server scenarios connect
 * with a bare URL). Everything else, {@code Host} and {@code Origin} included, passes unchanged, so the target's
 * DNS-rebinding checks see what the client sent. One request per connection: it asks the target to close after
 * answering, and relays the answer until the target does.
 */
final class BearerTokenRelay implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final String token;

    BearerTokenRelay(int targetPort, String token) {
        this.targetPort = targetPort;
        this.token = token;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("bearer-relay").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            long length = 0;
            StringBuilder forwarded = new StringBuilder(head.get(0)).append("\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
                if (!name.equals("authorization") && !name.equals("connection")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Authorization: Bearer ").append(token).append("\r\nConnection: close\r\n\r\n");
            OutputStream toTarget = target.getOutputStream();
            toTarget.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            toTarget.write(in.readNBytes((int) length));
            toTarget.flush();
            target.getInputStream().transferTo(client.getOutputStream());
        } catch (IOException e) {
            // one side went away: nothing to relay any more
        }
    }

    /** The request line and header lines, without the blank line that ends them; empty when the client left. */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || bytes.size() > MAX_HEAD_BYTES) {
                return List.of();
            }
            bytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        List<String> lines = new ArrayList<>(List.of(bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
