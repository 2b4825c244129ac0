package io.mcpgateway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the gateway keeps track of its backends' tools.
 *
 * @param refreshInterval how often every backend's {@code tools/list} is read again (besides start-up, recovery and
 *     {@code notifications/tools/list_changed})
 * @param pinsFile the accepted definition hash of each tool ({@code {"pins": {"backend/tool": "sha256:..."}}}, the
 *     shape {@code GET /tools/pins} answers); null to pin each tool at its first listing in this process
 * @param holdChanged true to stop serving a tool whose definition no longer matches its pin until an operator
 *     accepts it (by updating the pins file); false to serve it and report the change
 */
public record ToolSettings(Duration refreshInterval, Path pinsFile, boolean holdChanged) {

    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

    public static ToolSettings defaults() {
        return new ToolSettings(DEFAULT_REFRESH_INTERVAL, null, false);
    }
}
