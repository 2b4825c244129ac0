package io.mcpgateway.gateway.config;

import java.time.Duration;

/** How often backends are probed, and how long a probe may take. */
public record HealthSettings(Duration probeInterval, Duration probeTimeout) {

    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);
}
