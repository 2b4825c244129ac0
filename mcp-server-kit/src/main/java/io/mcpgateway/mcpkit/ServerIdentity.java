package io.mcpgateway.mcpkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The name and version a server reports in MCP {@code initialize}, {@code /health} and {@code /metrics}.
 *
 * @param instructions guidance for the model using the server, returned from {@code initialize}
 * @param settings what the server reports of its settings on {@code /metrics}, under their keys
 */
public record ServerIdentity(String name, String version, String instructions, Map<String, Object> settings) {

    public ServerIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(instructions, "instructions");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public ServerIdentity(String name, String version, String instructions) {
        this(name, version, instructions, Map.of());
    }

    /** The original's {@code server_type}: the name in snake case ({@code restaurant_reasoning_mcp}). */
    public String serverType() {
        return name.replace('-', '_');
    }
}
