package io.mcpgateway.mcpkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.text.RepeatLimiter;

/**
 * Jetty's cap on open connections, made to work on connections that arrive in a burst, and said when it is reached:
 * at the cap the server accepts no more (new connections wait in the listen backlog) and closes those idle for a
 * second until fewer are open. Jetty shortens the idle timeouts of the connections set up when the cap is reached
 * only; those accepted just before it and set up just after kept their 75 s (a burst of silent connections shut
 * everyone else out for that long), so while the cap holds their timeouts are shortened again every
 * quarter of a second. Without a line in the log a server that answers slowly would not say why. The gateway's and
 * the MCP servers' own.
 */
public final class LoggedConnectionLimit extends NetworkConnectionLimit {

    /** How long a connection may stay idle while the cap is reached. */
    static final Duration IDLE_TIMEOUT_AT_CAP = Duration.ofSeconds(1);
    private static final Duration RECHECK = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(LoggedConnectionLimit.class);

    private final Server server;
    private final String setting;
    private final RepeatLimiter capLines = new RepeatLimiter(Duration.ofMinutes(1));
    private volatile boolean limited;

    /**
     * For every connector {@code server} has when it starts.
     *
     * @param setting what sets the maximum, as the operator knows it ({@code --max-connections}, say), for the log
     */
    public LoggedConnectionLimit(int maxConnections, String setting, Server server) {
        super(maxConnections, server);
        this.server = server;
        this.setting = setting;
        setEndPointIdleTimeout(IDLE_TIMEOUT_AT_CAP.toMillis());
    }

    @Override
    protected void limit() {
        super.limit();
        limited = true;
        shortenSoon();
        if (capLines.admit() != RepeatLimiter.HOLD) {
            log.warn("Connections at their maximum ({}: {}): new ones wait in the listen backlog and idle ones are"
                    + " closed after {} s until fewer are open (many slow or idle clients?); said at most once a"
                    + " minute", setting, getMaxNetworkConnectionCount(), IDLE_TIMEOUT_AT_CAP.toSeconds());
        }
    }

    @Override
    protected void unlimit() {
        limited = false;
        super.unlimit();
    }

    private void shortenSoon() {
        server.getScheduler().schedule(() -> {
            if (limited && isRunning()) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector open) {
                        // a no-op for those shortened already (Jetty keeps a timeout no longer than the one set)
                        open.getConnectedEndPoints().forEach(endPoint -> endPoint.setIdleTimeout(
                                Math.min(endPoint.getIdleTimeout(), IDLE_TIMEOUT_AT_CAP.toMillis())));
                    }
                }
                shortenSoon();
            }
        }, RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }
}
