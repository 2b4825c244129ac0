package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's listening socket, which outlives the gateways a configuration reload replaces: one thread accepts
 * connections and gives each to the gateway serving now ({@link #serveWith}), so a reload switches gateways without
 * closing the socket. Each gateway binding a socket of its own on a shared port (SO_REUSEPORT) instead reset the
 * connections still queued on the old socket when it closed (2 in 1,909 under connection churn across 4 reloads),
 * and let any process of the same user bind the port too.
 *
 * <p>Gateways share it by reference count: the one that binds it and each that takes it over {@link #share} it, and
 * each {@link #release}s it when it stops; the last release closes it.
 */
public final class ListeningSocket {

    private static final Logger log = LoggerFactory.getLogger(ListeningSocket.class);

    private final ServerSocketChannel channel;
    private final String host;
    private final int port;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition targetSet = lock.newCondition();
    private AdoptingConnector target; // guarded by lock
    private int users = 1; // guarded by lock
    private Thread acceptor; // guarded by lock

    private ListeningSocket(ServerSocketChannel channel, String host, int port) {
        this.channel = channel;
        this.host = host;
        this.port = port;
    }

    /**
     * Connections the kernel holds before they are accepted (as nginx's 511; the kernel caps it at
     * {@code net.core.somaxconn}). Java's default of 50 overflows in a burst of new clients or while the gateway is
     * at its connection cap, and a connection past it waits for its SYN to be sent again, a second or more.
     */
    private static final int BACKLOG = 511;

    /**
     * Binds {@code host:port} (port 0: any free one), not shared with other sockets: a port in use fails as it
     * should. Connections wait in the socket's backlog until a gateway {@link #serveWith serves} with it.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static ListeningSocket bind(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(address, BACKLOG);
                return new ListeningSocket(channel, host, ((InetSocketAddress) channel.getLocalAddress()).getPort());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | java.nio.channels.UnresolvedAddressException e) { // the latter: a host not found
            throw new UncheckedIOException(new IOException("Failed to bind to " + host + ":" + port, e));
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Whether it listens where a gateway configured with {@code host} and {@code port} would. */
    public boolean listensAt(String host, int port) {
        return this.host.equals(host) && port == this.port;
    }

    /** One more gateway uses it. */
    public void share() {
        lock.lock();
        try {
            if (users == 0) {
                throw new IllegalStateException("the listening socket is closed");
            }
            users++;
        } finally {
            lock.unlock();
        }
    }

    /** A gateway stops using it: the last one closes it (connections still in its backlog are refused). */
    public void release() {
        lock.lock();
        try {
            if (users == 0 || --users > 0) {
                return;
            }
        } finally {
            lock.unlock();
        }
        close();
    }

    /** Closes it whoever still uses it (the process stops); connections still in its backlog are refused. */
    public void close() {
        lock.lock();
        try {
            users = 0;
            target = null;
            targetSet.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            channel.close(); // ends the accepting thread
        } catch (IOException e) {
            log.warn("Could not close the listening socket on port {}", port, e);
        }
    }

    /** From now on new connections go to {@code connector}, none to the one before it. */
    public void serveWith(AdoptingConnector connector) {
        lock.lock();
        try {
            if (users == 0) {
                throw new IllegalStateException("the listening socket is closed");
            }
            target = connector;
            targetSet.signalAll();
            if (acceptor == null) {
                acceptor = Thread.ofPlatform().daemon().name("gateway-accept-" + port).start(this::acceptAll);
            }
        } finally {
            lock.unlock();
        }
    }

    /** New connections no longer go to {@code connector} (if they still did): they wait for the next one. */
    public void stopServingWith(AdoptingConnector connector) {
        lock.lock();
        try {
            if (target == connector) {
                target = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts connections until the socket closes. A platform thread blocked in {@code accept}: nothing interrupts it
     * (an interrupt would close the channel), the last {@link #release} ends it by closing the socket.
     */
    private void acceptAll() {
        while (true) {
            try {
                if (!awaitTarget()) {
                    return;
                }
                AdoptingConnector serving = currentTarget();
                if (serving != null && !serving.hasRoom()) {
                    pause(); // at its connection cap: new connections wait in the backlog meanwhile
                    continue;
                }
                SocketChannel connection = channel.accept();
                AdoptingConnector connector = currentTarget();
                if (connector == null || !connector.adopt(connection)) {
                    connection.close(); // the gateway stopped while this one was accepted
                }
            } catch (ClosedChannelException e) {
                return; // closed by the last release (AsynchronousCloseException while accepting)
            } catch (IOException e) {
                // for example too many open files: the connection is lost, the socket goes on
                log.warn("Could not accept a connection on port {}: {}", port, e.toString());
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until a gateway serves with it; false once it is closed. */
    private boolean awaitTarget() throws InterruptedException {
        lock.lock();
        try {
            while (target == null && users > 0) {
                targetSet.await();
            }
            return users > 0;
        } finally {
            lock.unlock();
        }
    }

    private AdoptingConnector currentTarget() {
        lock.lock();
        try {
            return target;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A moment before the next accept, not a busy loop: after a failed one (out of file descriptors, say), or while
     * the gateway has as many connections open as it takes.
     */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ListeningSocket[" + host + ":" + port + "]";
    }
}
