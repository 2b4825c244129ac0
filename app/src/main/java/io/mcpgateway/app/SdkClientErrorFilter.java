package io.mcpgateway.app;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the MCP SDK's ERROR line for a request body it could not read ("Failed to deserialize message"): that is the
 * client's mistake, already answered with a JSON-RPC error (400, -32700 or -32600), and logging it at ERROR let any
 * client fill a server's log with errors that page an operator. The SDK's other errors from the same class (failures
 * to handle a request) are still logged.
 */
public final class SdkClientErrorFilter extends TurboFilter {

    static final String TRANSPORT_LOGGER =
            "io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport";
    static final String UNREADABLE_MESSAGE = "Failed to deserialize message";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format != null && format.startsWith(UNREADABLE_MESSAGE) && logger != null
                && TRANSPORT_LOGGER.equals(logger.getName())) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
