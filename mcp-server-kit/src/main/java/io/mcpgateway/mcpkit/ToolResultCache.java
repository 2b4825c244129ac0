package io.mcpgateway.mcpkit;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Successful results of {@link ResultCaching#BY_ARGUMENTS} tools, keyed by tool and canonical arguments (map keys
 * sorted), bounded by the total size of their JSON. Serialising a large search result is the main cost of a search
 * (measured with bench/search-server.sh), and a server over immutable data answers the same query with the same bytes.
 */
final class ToolResultCache {

    /** 64 MiB of result JSON: hundreds of typical searches, a few dozen of the largest pages. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final Cache<String, CallToolResult> results;
    private final JsonMapper mapper;

    ToolResultCache(JsonMapper mapper, long maxBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.results = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CallToolResult result) -> key.length() + textLength(result))
                .build();
    }

    /** The cached result for these arguments, or the computed one (cached when it is a success). */
    CallToolResult get(String tool, Map<String, Object> arguments, Supplier<CallToolResult> compute) {
        String key = tool + '\n' + mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(arguments == null ? Map.of() : arguments);
        CallToolResult cached = results.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CallToolResult computed = compute.get();
        if (!Boolean.TRUE.equals(computed.isError())) {
            results.put(key, computed);
        }
        return computed;
    }

    private static int textLength(CallToolResult result) {
        // The structured content is the same JSON again, held as raw text.
        return result.content().stream().filter(TextContent.class::isInstance).map(TextContent.class::cast)
                .mapToInt(t -> 2 * t.text().length()).sum();
    }
}
