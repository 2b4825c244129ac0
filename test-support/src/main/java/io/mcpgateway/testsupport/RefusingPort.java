package io.mcpgateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A local port where nothing listens, so a connection to it is refused, and which no other socket can take while
 * this one is open (it is bound, not listening). A port found free and closed again is not reserved: the next server
 * started on port 0 may get it, and a gateway under test once became its own "backend" that way (it answered its
 * own health probes). Close it to let a server start on the port.
 */
public final class RefusingPort implements AutoCloseable {

    private final Socket socket = new Socket();

    public RefusingPort() {
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
