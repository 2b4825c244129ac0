package io.mcpgateway.app;

import java.util.List;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the few ERROR lines of libraries that say nothing an operator needs, while the same loggers' other lines are
 * kept:
 * <ul>
 *   <li>the MCP SDK's "Failed to deserialize message" for a request body it could not read: that is the client's
 *       mistake, already answered with a JSON-RPC error (400, -32700 or -32600), and logging it at ERROR let any
 *       client fill a server's log with errors that page an operator;</li>
 *   <li>Javalin's "Failed to start Javalin" when a server cannot listen: the command reports that failure itself, in
 *       one line that names the port and the option to change it, and exits 1.</li>
 *   <li>the MCP SDK's WARN "Client requested unsupported protocol version: ..." on an {@code initialize} naming a
 *       version it does not know: the client is answered with the version it should use (the protocol's
 *       negotiation, no fault), and the line held the client's text verbatim, unbounded and with its line breaks,
 *       so any client (the MCP servers take no token) could write megabytes of log or forge log lines.</li>
 * </ul>
 */
public final class LibraryNoiseFilter extends TurboFilter {

    static final String SDK_TRANSPORT_LOGGER =
            "io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport";
    static final String JAVALIN_LOGGER = "io.javalin.Javalin";
    static final String SDK_STATELESS_SERVER_LOGGER = "io.modelcontextprotocol.server.McpStatelessAsyncServer";

    private static final List<Noise> NOISE = List.of(
            new Noise(SDK_TRANSPORT_LOGGER, "Failed to deserialize message"),
            new Noise(JAVALIN_LOGGER, "Failed to start Javalin"),
            new Noise(SDK_STATELESS_SERVER_LOGGER, "Client requested unsupported protocol version"));

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format == null || logger == null) {
            return FilterReply.NEUTRAL;
        }
        for (Noise noise : NOISE) {
            if (format.startsWith(noise.messageStart()) && noise.logger().equals(logger.getName())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    private record Noise(String logger, String messageStart) {
    }
}
