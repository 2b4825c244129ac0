package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.mcpgateway.mcpkit.HeaderDeadline;
import io.mcpgateway.mcpkit.LoggedConnectionLimit;

/**
 * A Jetty connector that opens and accepts nothing itself: it serves the connections its {@link ListeningSocket}
 * gives it. Jetty's connectors close their listening channel when they stop (and an acceptor interrupted in
 * {@code accept} closes it too), which a socket shared by the gateways of successive reloads must outlive.
 */
public final class AdoptingConnector extends ServerConnector {

    private final ListeningSocket socket;
    private final CountDownLatch never = new CountDownLatch(1);

    /**
     * @param maxConnections the most connections it serves at once: at that many (accepted ones being set up too) it
     *     takes no more ({@link #hasRoom}) and idle ones are closed after a second ({@link LoggedConnectionLimit})
     * @param headerTimeout how long a request's headers may take to arrive ({@link HeaderDeadline})
     */
    public AdoptingConnector(Server server, HttpConfiguration httpConfig, ListeningSocket socket, int maxConnections,
            Duration headerTimeout) {
        // one acceptor: Jetty has no way without (none means accepting on its selector, from a channel of its own)
        super(server, null, null, null, 1, -1, new HttpConnectionFactory(httpConfig));
        this.socket = socket;
        setPort(socket.port());
        server.addBean(new LoggedConnectionLimit(maxConnections, "server.max_connections", server));
        addBean(new HeaderDeadline(this, headerTimeout));
    }

    /**
     * Whether it takes another connection now: fewer than its maximum are open. Slow clients that hold connections
     * open, a header line every few seconds (slowloris), cannot take every file descriptor and shut everyone else out.
     */
    boolean hasRoom() {
        return isAccepting();
    }

    /** Client connections open now, for the metrics. */
    public int openConnections() {
        return getConnectedEndPoints().size();
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
