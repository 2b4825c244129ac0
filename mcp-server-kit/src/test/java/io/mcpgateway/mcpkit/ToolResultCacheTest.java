package io.mcpgateway.mcpkit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

class ToolResultCacheTest {

    private final ToolResults results = new ToolResults(Json.newMapper(), Clock.systemUTC());
    private final AtomicInteger runs = new AtomicInteger();

    private CallToolResult success() {
        runs.incrementAndGet();
        return results.success(Map.of("n", runs.get()));
    }

    @Test
    void identicalArgumentsInAnyKeyOrderAreServedFromTheCache() {
        ToolResultCache cache = new ToolResultCache(Json.newMapper(), 1024 * 1024);
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", List.of("x"));
        ab.put("b", 1);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 1);
        ba.put("a", List.of("x"));

        CallToolResult first = cache.get("t", ab, this::success);
        CallToolResult second = cache.get("t", ba, this::success);

        // the cache keeps the JSON only: the second result is read back from it and says the same
        assertThat(Json.newMapper().writeValueAsString(second)).isEqualTo(Json.newMapper().writeValueAsString(first));
        assertThat(runs).hasValue(1);
        assertThat(cache.serialized("t", ba, false, this::success))
                .isEqualTo(Json.newMapper().writeValueAsBytes(first));
        assertThat(runs).hasValue(1);
    }

    @Test
    void otherArgumentsOrAnotherToolRunAgain() {
        ToolResultCache cache = new ToolResultCache(Json.newMapper(), 1024 * 1024);

        cache.get("t", Map.of("a", 1), this::success);
        cache.get("t", Map.of("a", 2), this::success);
        cache.get("u", Map.of("a", 1), this::success);

        assertThat(runs).hasValue(3);
    }

    @Test
    void aComputedResultIsSerialisedOnceAndServedAsTheSameBytesAfter() {
        ToolResultCache cache = new ToolResultCache(Json.newMapper(), 1024 * 1024);

        byte[] first = cache.serialized("t", Map.of("a", 1), false, this::success);
        byte[] second = cache.serialized("t", Map.of("a", 1), false, this::success);

        assertThat(second).isSameAs(first);
        assertThat(runs).hasValue(1);
        assertThatJson(new String(first, java.nio.charset.StandardCharsets.UTF_8)).inPath("structuredContent")
                .isEqualTo("{\"success\":true,\"data\":{\"n\":1}}");
    }

    @Test
    void resultsWithoutTheirTextCopyAreKeptApartFromWholeOnes() {
        ToolResultCache cache = new ToolResultCache(Json.newMapper(), 1024 * 1024);

        byte[] trimmed = cache.serialized("t", Map.of(), true, () -> ToolResults.structuredOnly(success()));
        byte[] whole = cache.serialized("t", Map.of(), false, this::success);

        assertThat(runs).hasValue(2);
        assertThatJson(new String(trimmed, StandardCharsets.UTF_8)).inPath("content").isArray().isEmpty();
        assertThatJson(new String(whole, StandardCharsets.UTF_8)).inPath("content").isArray().hasSize(1);
        assertThat(cache.serialized("t", Map.of(), true, this::success)).isSameAs(trimmed);
    }

    @Test
    void withoutItsTextCopyAResultKeepsItsOtherContent() {
        CallToolResult mixed = new CallToolResult(List.of(new McpSchema.TextContent("{}"),
                new McpSchema.ImageContent(null, "AAAA", "image/png")), false, Map.of(), null);

        assertThat(ToolResults.structuredOnly(mixed).content()).singleElement()
                .isInstanceOf(McpSchema.ImageContent.class);
        assertThat(ToolResults.structuredOnly(results.success(Map.of())).content()).isEmpty();
    }

    @Test
    void errorsAreNotCached() {
        ToolResultCache cache = new ToolResultCache(Json.newMapper(), 1024 * 1024);

        for (int i = 0; i < 2; i++) {
            cache.get("t", Map.of(), () -> {
                runs.incrementAndGet();
                return results.error("ValidationError", "bad", Map.of());
            });
        }

        assertThat(runs).hasValue(2);
    }
}
