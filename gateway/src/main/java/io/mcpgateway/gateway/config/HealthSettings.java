package io.mcpgateway.gateway.config;

import java.time.Duration;

/**
 * How often backends are probed, how long a probe may take, and what readiness means.
 *
 * @param readyNeedsBackend whether {@code /health/ready} answers 503 while no backend serves; false where every
 *     instance shares the backends (Kubernetes): taken out of service all at once, the instances would leave their
 *     clients refused connections instead of the 503 answers that say what is down
 */
public record HealthSettings(Duration probeInterval, Duration probeTimeout, boolean readyNeedsBackend) {

    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);
}
