package io.mcpgateway.gateway.cache;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.ToolOutcome;
import io.mcpgateway.gateway.config.CacheSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Successful results of read-only tools, kept for a short time (size and TTL bounded) and keyed by backend, tool and
 * normalised arguments (map keys sorted), and by caller too when configured for tools whose results depend on who
 * asks. A request with {@code Cache-Control: no-cache} (or {@code no-store}) skips the lookup and refreshes the entry.
 */
public final class ResponseCache {

    /** What happened for one call, for the {@code X-Cache} header and the metrics. */
    public enum Outcome {
        HIT, MISS, BYPASS, NOT_CACHEABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A tool outcome with how the cache took part. */
    public record Result(ToolOutcome outcome, Outcome cache) {
    }

    private final CacheSettings settings;
    private final Cache<String, ToolOutcome> entries;
    private final JsonMapper mapper;
    private final GatewayMetrics metrics;

    /** @param ticker the cache's clock, so tests can expire entries without waiting */
    public ResponseCache(CacheSettings settings, JsonMapper mapper, GatewayMetrics metrics, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.entries = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.ttl())
                .ticker(ticker)
                .build();
    }

    /**
     * The outcome for these arguments: from the cache when possible, otherwise from {@code call} (kept when it is a
     * success of a read-only tool).
     */
    public Result get(BackendTool tool, Caller caller, Map<String, Object> arguments, String cacheControl,
            Supplier<ToolOutcome> call) {
        if (!settings.enabled() || !tool.isReadOnly()) {
            return record(tool, new Result(call.get(), Outcome.NOT_CACHEABLE));
        }
        String key = key(tool, caller, arguments);
        boolean bypass = bypasses(cacheControl);
        if (!bypass) {
            ToolOutcome cached = entries.getIfPresent(key);
            if (cached != null) {
                return record(tool, new Result(cached, Outcome.HIT));
            }
        }
        ToolOutcome fresh = call.get();
        if (fresh.isSuccess()) {
            entries.put(key, fresh);
        }
        return record(tool, new Result(fresh, bypass ? Outcome.BYPASS : Outcome.MISS));
    }

    private Result record(BackendTool tool, Result result) {
        metrics.cacheLookup(tool.backend(), tool.name(), result.cache().label());
        return result;
    }

    private String key(BackendTool tool, Caller caller, Map<String, Object> arguments) {
        String args = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(arguments);
        String who = settings.perCaller() ? caller.id() : "";
        return tool.backend() + '\n' + tool.name() + '\n' + who + '\n' + args;
    }

    private static boolean bypasses(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        String value = cacheControl.toLowerCase(Locale.ROOT);
        return value.contains("no-cache") || value.contains("no-store");
    }
}
