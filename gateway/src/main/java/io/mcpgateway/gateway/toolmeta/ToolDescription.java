package io.mcpgateway.gateway.toolmeta;

import static io.mcpgateway.gateway.metrics.Rounding.twoDecimals;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics.ToolCallStats;

/**
 * One entry of {@code /tools/metadata}: a tool as its backend publishes it right now, the REST route that calls it,
 * and its guidance if the catalog has any.
 *
 * @param rateLimit the limits the gateway enforces on the route, in words (guidance may say otherwise)
 * @param guidance empty when the catalog has none for this tool
 * @param calls what the tool has done since the gateway started; empty before its first call
 */
record ToolDescription(BackendTool tool, RouteSettings route, String rateLimit, Optional<ToolGuidance> guidance,
        Optional<ToolPins.PinState> pin, Optional<ToolCallStats> calls) {

    /** Category of tools without guidance. */
    static final String DEFAULT_CATEGORY = "tools";

    /** The original's categories in its order (REFERENCE-SPEC 4.9); others follow in the order they appear. */
    private static final List<String> KNOWN_CATEGORIES = List.of("search", "analysis", "recommendation");

    ToolDescription {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(guidance, "guidance");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(calls, "calls");
    }

    String name() {
        return tool.name();
    }

    String category() {
        return guidance.map(ToolGuidance::category).orElse(DEFAULT_CATEGORY);
    }

    /** The distinct categories of {@code described}: the original's first, in its order, then the others. */
    static List<String> categories(List<ToolDescription> described) {
        // a stable sort: categories of the same rank keep the order they first appear in
        return described.stream().map(ToolDescription::category).distinct()
                .sorted(Comparator.comparingInt(ToolDescription::knownRank)).toList();
    }

    private static int knownRank(String category) {
        int rank = KNOWN_CATEGORIES.indexOf(category);
        return rank < 0 ? KNOWN_CATEGORIES.size() : rank;
    }

    boolean covers(MbtiType type) {
        return guidance.filter(g -> g.covers(type)).isPresent();
    }

    /** This description with only the MBTI guidance for the given type. */
    ToolDescription narrowedTo(MbtiType type) {
        return new ToolDescription(tool, route, rateLimit, guidance.map(g -> g.narrowedTo(type)), pin, calls);
    }

    /** The JSON object clients see; guidance lists are empty, not missing, for tools without guidance. */
    Map<String, Object> toJson() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", tool.name());
        entry.put("display_name", guidance.map(ToolGuidance::displayName).orElse(tool.title()));
        entry.put("category", category());
        entry.put("description", tool.description());
        entry.put("purpose", guidance.map(ToolGuidance::purpose).orElse(tool.description()));
        entry.put("backend", tool.backend());
        entry.put("endpoint", route.path());
        entry.put("http_method", route.method());
        entry.put("authentication_required", true);
        entry.put("required_scopes", route.requiredScopes());
        // what the operator's guidance advertises, else what is enforced (the original showed fixed text, unenforced)
        entry.put("rate_limit", guidance.map(ToolGuidance::rateLimit).orElse(rateLimit));
        entry.put("parameters", ToolParameters.of(tool.inputSchema()));
        entry.put("response_schema", tool.definition().get("outputSchema"));
        // Measured, not declared (the original showed fixed figures): null until the tool's first call.
        entry.put("average_response_time_ms", calls.map(c -> twoDecimals(c.averageMs())).orElse(null));
        entry.put("success_rate_percentage", calls.map(c -> twoDecimals(c.answeredPercent())).orElse(null));
        entry.put("input_schema", tool.inputSchema());
        entry.put("output_schema", tool.definition().get("outputSchema"));
        entry.put("annotations", tool.definition().get("annotations"));
        entry.put("use_cases", guidance.map(ToolGuidance::useCases).orElse(List.of()));
        entry.put("mbti_integration", guidance.map(ToolGuidance::mbtiIntegration).orElse(List.of()));
        entry.put("examples", guidance.map(ToolGuidance::examples).orElse(List.of()));
        pin.ifPresent(state -> entry.put("pin", state.toJson()));
        return entry;
    }
}
