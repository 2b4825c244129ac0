package io.mcpgateway.mcpkit;

import java.util.List;

import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * The SDK's servlet transport as the MCP server sees it, except that the server's request handler is wrapped in a
 * {@link GuardedHandler} on the way in. The servlet itself is still what Jetty serves.
 */
final class GuardedTransport implements McpStatelessServerTransport {

    private final McpStatelessServerTransport delegate;

    GuardedTransport(McpStatelessServerTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        delegate.setMcpHandler(new GuardedHandler(handler));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
