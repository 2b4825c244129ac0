package io.mcpgateway.mcpkit;

import java.util.Objects;

/**
 * The name and version a server reports in MCP {@code initialize} and {@code /health}.
 *
 * @param instructions guidance for the model using the server, returned from {@code initialize}
 */
public record ServerIdentity(String name, String version, String instructions) {

    public ServerIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(instructions, "instructions");
    }
}
