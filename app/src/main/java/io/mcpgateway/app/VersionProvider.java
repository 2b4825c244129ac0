package io.mcpgateway.app;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest ({@code dev} when run from classes). */
public final class VersionProvider implements IVersionProvider {

    static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mcp-tools-gateway " + version(), "Java " + Runtime.version()};
    }
}
