package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.mcpkit.HeaderDeadline;
import io.mcpgateway.text.RepeatLimiter;

/**
 * A Jetty connector that opens and accepts nothing itself: it serves the connections its {@link ListeningSocket}
 * gives it. Jetty's connectors close their listening channel when they stop (and an acceptor interrupted in
 * {@code accept} closes it too), which a socket shared by the gateways of successive reloads must outlive.
 */
public final class AdoptingConnector extends ServerConnector {

    /** How long a connection may stay idle while the connector has as many open as it takes. */
    static final long IDLE_TIMEOUT_AT_CAP_MS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(AdoptingConnector.class);

    private final ListeningSocket socket;
    private final int maxConnections;
    private final CountDownLatch never = new CountDownLatch(1);
    /** The cap being reached is said at once, then at most once a minute while it goes on being reached. */
    private final RepeatLimiter capLines = new RepeatLimiter(Duration.ofMinutes(1));

    /**
     * @param maxConnections the most connections it serves at once: Jetty's {@link NetworkConnectionLimit} counts
     *     them (accepted ones being set up too) and stops it accepting at that many ({@link #hasRoom})
     * @param headerTimeout how long a request's headers may take to arrive ({@link HeaderDeadline})
     */
    public AdoptingConnector(Server server, HttpConfiguration httpConfig, ListeningSocket socket, int maxConnections,
            Duration headerTimeout) {
        // one acceptor: Jetty has no way without (none means accepting on its selector, from a channel of its own)
        super(server, null, null, null, 1, -1, new HttpConnectionFactory(httpConfig));
        this.socket = socket;
        this.maxConnections = maxConnections;
        setPort(socket.port());
        NetworkConnectionLimit limit = new NetworkConnectionLimit(maxConnections, this);
        limit.setEndPointIdleTimeout(IDLE_TIMEOUT_AT_CAP_MS);
        addBean(limit);
        addBean(new HeaderDeadline(this, headerTimeout));
    }

    /**
     * Whether it takes another connection now: fewer than its maximum are open. At the maximum every open connection
     * may stay idle for a second only, until fewer are open again (then the limit gives them their usual idle timeout
     * back): slow clients that hold connections open, a header line every few seconds (slowloris), cannot take every
     * file descriptor and shut everyone else out. The limit shortens the timeouts of the connections open when it is
     * reached; this also those of connections accepted just before and set up after (a burst kept its 30 s).
     */
    boolean hasRoom() {
        if (isAccepting()) {
            return true;
        }
        getConnectedEndPoints().forEach(endPoint -> endPoint.setIdleTimeout(IDLE_TIMEOUT_AT_CAP_MS));
        if (isAccepting()) {
            // the limit lifted meanwhile, restoring the timeouts (on a selector thread) before these were shortened
            getConnectedEndPoints().forEach(endPoint -> endPoint.setIdleTimeout(getIdleTimeout()));
            return true;
        }
        if (capLines.admit() != RepeatLimiter.HOLD) { // otherwise slow answers, and nothing says why
            log.warn("Client connections at server.max_connections ({}): new ones wait in the listen backlog and"
                    + " idle ones are closed after {} ms until fewer are open (many slow or idle clients?)",
                    maxConnections, IDLE_TIMEOUT_AT_CAP_MS);
        }
        return false;
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
