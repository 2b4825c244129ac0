package io.mcpgateway.mcpkit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.json.UnwritableValues;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Runs a tool so that nothing but a result leaves it: wrong arguments become an error result with the reason, and
 * any other failure is logged here with its stack trace and answered with a bare internal error that reveals nothing.
 */
final class GuardedToolCall implements BiFunction<McpTransportContext, CallToolRequest, CallToolResult> {

    static final String INTERNAL_ERROR = "InternalError";
    static final String INTERNAL_ERROR_MESSAGE = "The tool failed unexpectedly. The failure has been logged.";

    private static final Logger log = LoggerFactory.getLogger(GuardedToolCall.class);

    private final ToolDefinition definition;
    private final Set<String> declared;
    private final ToolResults results;
    private final ToolErrorTranslator translator;
    private final ToolResultCache cache;
    private final ServerMetrics metrics;

    GuardedToolCall(ToolDefinition definition, ToolResults results, ToolErrorTranslator translator,
            ToolResultCache cache, ServerMetrics metrics) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.declared = Set.copyOf(definition.declaredArguments());
        this.results = Objects.requireNonNull(results, "results");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Whether the tool's results are kept by arguments ({@link ResultCaching#BY_ARGUMENTS}). */
    boolean cachesByArguments() {
        return definition.caching() == ResultCaching.BY_ARGUMENTS;
    }

    @Override
    public CallToolResult apply(McpTransportContext context, CallToolRequest request) {
        // Whole results only, whatever the request's _meta offers: for a tool with an output schema the SDK puts
        // the text copy back anyway (and fails on raw structured content when it must write it itself)
        if (cachesByArguments()) {
            return cache.get(definition.name(), request.arguments(), () -> run(request.arguments()));
        }
        return run(request.arguments());
    }

    /**
     * The JSON of the result for these arguments, from the cache when an identical call came before: for {@link
     * CachedToolCallFilter}, which answers calls of {@link ResultCaching#BY_ARGUMENTS} tools without the SDK.
     *
     * @param structuredOnly whether the caller reads only the structured content ({@link ToolResults#structuredOnly})
     */
    byte[] serializedResult(Map<String, Object> arguments, boolean structuredOnly) {
        return cache.serialized(definition.name(), arguments, structuredOnly,
                () -> structuredOnly ? ToolResults.structuredOnly(run(arguments)) : run(arguments));
    }

    /** A run's result and its outcome for the metrics. */
    private record Ran(CallToolResult result, String outcome) {
    }

    private CallToolResult run(Map<String, Object> given) {
        long start = System.nanoTime();
        Ran ran = attempt(given);
        metrics.toolRun(definition.name(), ran.outcome(), Duration.ofNanos(System.nanoTime() - start));
        return ran.result();
    }

    private Ran attempt(Map<String, Object> given) {
        String unwritable = UnwritableValues.find(given);
        if (unwritable != null) {
            // Refused before the tool runs: a message that echoed the value could not be written out.
            return rejected(ToolInputException.validation("Invalid arguments: " + unwritable));
        }
        try {
            ToolArguments arguments = ToolArguments.of(given, declared);
            return new Ran(results.success(definition.handler().call(arguments)), "success");
        } catch (ToolInputException e) {
            return rejected(e);
        } catch (RuntimeException e) {
            var input = translator.translate(e);
            if (input.isPresent()) {
                return rejected(input.get());
            }
            log.error("Tool '{}' failed", definition.name(), e);
            return new Ran(results.error(INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE, Map.of()), "failed");
        }
    }

    private Ran rejected(ToolInputException e) {
        log.debug("Tool '{}' rejected its arguments: {}", definition.name(), e.getMessage());
        return new Ran(results.error(e.type(), e.getMessage(), e.details()), "refused");
    }
}
