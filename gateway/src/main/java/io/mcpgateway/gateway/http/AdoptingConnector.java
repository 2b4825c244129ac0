package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty connector that opens and accepts nothing itself: it serves the connections its {@link ListeningSocket}
 * gives it. Jetty's connectors close their listening channel when they stop (and an acceptor interrupted in
 * {@code accept} closes it too), which a socket shared by the gateways of successive reloads must outlive.
 */
public final class AdoptingConnector extends ServerConnector {

    private final ListeningSocket socket;
    private final CountDownLatch never = new CountDownLatch(1);

    public AdoptingConnector(Server server, HttpConfiguration httpConfig, ListeningSocket socket) {
        // one acceptor: Jetty has no way without (none means accepting on its selector, from a channel of its own)
        super(server, null, null, null, 1, -1, new HttpConnectionFactory(httpConfig));
        this.socket = socket;
        setPort(socket.port());
    }

    /** Nothing to open: the socket is bound already and is not this connector's to close. */
    @Override
    public void open() {
    }

    @Override
    public int getLocalPort() {
        return socket.port();
    }

    /**
     * Jetty's acceptor thread waits here until the connector stops (which interrupts it: the connector has no channel
     * open, so Jetty then ends the thread instead of retrying); connections come through {@link #adopt}.
     */
    @Override
    public void accept(int acceptorId) throws IOException {
        try {
            never.await();
        } catch (InterruptedException e) {
            throw new InterruptedIOException("the connector is stopping");
        }
    }

    /**
     * Serves {@code connection}, as if this connector had accepted it; false when it is not running (the caller
     * closes the connection).
     */
    boolean adopt(SocketChannel connection) throws IOException {
        if (!isRunning()) {
            return false;
        }
        connection.configureBlocking(false);
        configure(connection.socket());
        getSelectorManager().accept(connection);
        return true;
    }
}
