package io.mcpgateway.mcpkit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpgateway.json.ResultHints;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Successful results of {@link ResultCaching#BY_ARGUMENTS} tools, keyed by tool and canonical arguments (map keys
 * sorted), kept as their serialised JSON only and bounded by its total size. Serialising a large search result
 * is the main cost of a search (JFR profile of bench/search-server.sh), and a server over immutable data answers the
 * same query with the same bytes, so {@link CachedToolCallFilter} can answer a repeated call with them directly.
 *
 * <p>Only the bytes are kept: the result's object tree (its text copy and the maps of its structured content) was
 * several times their size and not counted in the bound, so under searches that rarely repeat (random pages of 1M
 * restaurants, bench/search-server.sh part 2) evicted entries filled the old generation and G1's mixed pauses reached
 * 54 ms. The rare hit that still goes through the SDK reads the result back from the bytes.
 */
final class ToolResultCache {

    /** 64 MiB of result JSON: hundreds of typical searches, a few dozen of the largest pages. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final Cache<String, byte[]> results;
    private final JsonMapper mapper;
    /** Part of every key: after {@link #forgetAll()} a result computed from the old data can never be read. */
    private final AtomicLong generation = new AtomicLong();

    ToolResultCache(JsonMapper mapper, long maxBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.results = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, byte[] json) -> key.length() + json.length)
                .build();
    }

    /** The cached result for these arguments, or the computed one (cached when it is a success). */
    CallToolResult get(String tool, Map<String, Object> arguments, Supplier<CallToolResult> compute) {
        String key = key(tool, arguments);
        byte[] cached = results.getIfPresent(key);
        if (cached != null) {
            return mapper.readValue(cached, CallToolResult.class);
        }
        CallToolResult computed = compute.get();
        if (keepable(computed)) {
            results.put(key, mapper.writeValueAsBytes(computed));
        }
        return computed;
    }

    /**
     * The serialised result for these arguments: the cached one, or the computed one (cached when it is a success),
     * serialised once either way. Results without their text copy are kept apart from whole ones.
     */
    byte[] serialized(String tool, Map<String, Object> arguments, boolean structuredOnly,
            Supplier<CallToolResult> compute) {
        String key = structuredOnly ? key(tool, arguments) + "\nstructured-only" : key(tool, arguments);
        byte[] cached = results.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CallToolResult computed = compute.get();
        byte[] json = mapper.writeValueAsBytes(computed);
        if (keepable(computed)) {
            results.put(key, json);
        }
        return json;
    }

    /** Successes, unless they say a repeated call would not give them again ({@link UnrepeatableData}). */
    private static boolean keepable(CallToolResult result) {
        return !Boolean.TRUE.equals(result.isError())
                && (result.meta() == null || !Boolean.TRUE.equals(result.meta().get(ResultHints.NO_STORE)));
    }

    /** The data changed: no earlier result may be answered again, including one still being computed. */
    void forgetAll() {
        generation.incrementAndGet();
        results.invalidateAll();
    }

    private String key(String tool, Map<String, Object> arguments) {
        return generation.get() + "\n" + tool + '\n' + mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(arguments == null ? Map.of() : arguments);
    }
}
