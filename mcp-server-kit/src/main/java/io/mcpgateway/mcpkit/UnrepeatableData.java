package io.mcpgateway.mcpkit;

import java.util.Objects;

import io.mcpgateway.json.ResultHints;

/**
 * What a {@link ToolHandler} returns for data a repeated call would not give again (a random pick without a seed):
 * the result carries {@link ResultHints#NO_STORE} in its {@code _meta}, so caches in front of the server do not answer
 * later calls with it.
 */
public record UnrepeatableData(Object data) {

    public UnrepeatableData {
        Objects.requireNonNull(data, "data");
    }
}
