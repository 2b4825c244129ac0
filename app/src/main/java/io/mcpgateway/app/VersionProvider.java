package io.mcpgateway.app;

import io.mcpgateway.gateway.GatewayServer;
import picocli.CommandLine.IVersionProvider;

/**
 * The version the servers report ({@code /health}, MCP {@code serverInfo}), and the build's from the jar's manifest
 * ({@code dev} when run from classes).
 */
public final class VersionProvider implements IVersionProvider {

    static String build() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mcp-tools-gateway " + GatewayServer.VERSION + " (build " + build() + ")",
                "Java " + Runtime.version()};
    }
}
