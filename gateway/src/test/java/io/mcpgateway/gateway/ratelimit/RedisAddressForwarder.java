package io.mcpgateway.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One address in front of changing Redis servers, as a managed Redis's endpoint is in front of its current primary:
 * each new connection is forwarded to the server set at the time; connections already made stay where they are.
 */
final class RedisAddressForwarder implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicInteger targetPort;
    private final AtomicInteger accepted = new AtomicInteger();

    RedisAddressForwarder(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = new AtomicInteger(targetPort);
        Thread.ofVirtual().name("redis-forwarder").start(this::acceptAll);
    }

    String url() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** New connections go to the server on {@code port} from now on. */
    void leadTo(int port) {
        targetPort.set(port);
    }

    /** The connections made to this address so far. */
    int accepted() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort.get());
                copy(client, server);
                copy(server, client);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    private static void copy(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // either side closed
            }
        });
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
