package io.mcpgateway.gateway.mcp;

import java.time.Duration;
import java.util.List;

import io.mcpgateway.gateway.config.BackendSettings;

/**
 * What one JSON-RPC batch may take, so that it costs no more than one request may: the time of the slowest tool call
 * (the longest total timeout of a backend in service, which the stop's default timeout allows for) and the bytes of
 * the largest answer (the largest {@code max_response_bytes}).
 */
public record BatchLimits(Duration time, long answerBytes) {

    public static BatchLimits of(List<BackendSettings> backends) {
        List<BackendSettings> serving = backends.stream().filter(BackendSettings::enabled).toList();
        return new BatchLimits(
                serving.stream().map(BackendSettings::totalTimeout).max(Duration::compareTo)
                        .orElse(BackendSettings.DEFAULT_TOTAL_TIMEOUT),
                serving.stream().mapToLong(b -> b.pool().maxResponseBytes()).max().orElse(0));
    }
}
