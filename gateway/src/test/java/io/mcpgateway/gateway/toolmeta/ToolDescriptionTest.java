package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

@Timeout(10)
class ToolDescriptionTest {

    private static final BackendTool TOOL = new BackendTool("weather", "forecast", Map.of("name", "forecast",
            "title", "Weather Forecast", "description", "Forecast for a city",
            "inputSchema", Map.of("type", "object", "required", List.of("city"))));
    private static final RouteSettings ROUTE = new RouteSettings("POST", "/api/v1/weather", "weather", "forecast",
            List.of("weather.read"));

    private static final String ENFORCED = "5 requests per minute per caller";

    private static MbtiGuidance mbti(MbtiType type) {
        return new MbtiGuidance(type, List.of("clear answers"), List.of(), "Be brief");
    }

    private static final ToolGuidance GUIDANCE = new ToolGuidance("forecasting", null, "10 requests per minute",
            "Tells what the weather will be", List.of(), List.of(mbti(MbtiType.INTJ), mbti(MbtiType.ESFP)), List.of());

    private static ToolDescription described(Optional<ToolGuidance> guidance) {
        return new ToolDescription(TOOL, ROUTE, ENFORCED, guidance, Optional.empty(), Optional.empty());
    }

    @Test
    void parametersFlattenTheInputSchemaAsTheOriginalListedThem() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("cities"), "properties", Map.of(
                "cities", Map.of("type", "array", "description", "Where", "minItems", 1, "maxItems", 20,
                        "items", Map.of("type", "string", "enum", List.of("Oslo", "Lima"), "pattern", "^[A-Z]"),
                        "examples", List.of(List.of("Oslo"))),
                "days", Map.of("type", "integer", "description", "How far ahead", "default", 3)));
        BackendTool tool = new BackendTool("weather", "forecast", Map.of("name", "forecast", "inputSchema", schema,
                "outputSchema", Map.of("type", "object")));

        Map<String, Object> json = new ToolDescription(tool, ROUTE, ENFORCED, Optional.empty(), Optional.empty(),
                Optional.empty()).toJson();

        assertThat(json).containsEntry("parameters", Map.of(
                "cities", Map.of("type", "array", "description", "Where", "required", true, "enum",
                        List.of("Oslo", "Lima"), "min_items", 1, "max_items", 20, "pattern", "^[A-Z]", "example",
                        List.of("Oslo")),
                "days", Map.of("type", "integer", "description", "How far ahead", "required", false, "default", 3)))
                .containsEntry("response_schema", Map.of("type", "object"));
    }

    @Test
    void responseTimeAndSuccessRateAreMeasuredAndNullBeforeTheFirstCall() {
        assertThat(described(Optional.empty()).toJson()).containsEntry("average_response_time_ms", null)
                .containsEntry("success_rate_percentage", null);

        Map<String, Object> json = new ToolDescription(TOOL, ROUTE, ENFORCED, Optional.empty(), Optional.empty(),
                Optional.of(new GatewayMetrics.ToolCallStats(3, 12.3456, 200.0 / 3))).toJson();

        assertThat(json).containsEntry("average_response_time_ms", 12.35)
                .containsEntry("success_rate_percentage", 66.67);
    }

    @Test
    void aToolWithoutGuidanceIsInTheDefaultCategoryWithEmptyGuidance() {
        Map<String, Object> json = described(Optional.empty()).toJson();

        assertThat(json).containsEntry("category", "tools")
                .containsEntry("display_name", "Weather Forecast")
                .containsEntry("purpose", "Forecast for a city")
                .containsEntry("use_cases", List.of())
                .containsEntry("mbti_integration", List.of())
                .containsEntry("examples", List.of())
                .containsEntry("input_schema", Map.of("type", "object", "required", List.of("city")))
                .containsEntry("endpoint", "/api/v1/weather")
                .containsEntry("required_scopes", List.of("weather.read"))
                .containsEntry("rate_limit", ENFORCED);
    }

    @Test
    void guidanceAddsCategoryPurposeAndRateLimitButKeepsTheBackendsTitle() {
        Map<String, Object> json = described(Optional.of(GUIDANCE)).toJson();

        assertThat(json).containsEntry("category", "forecasting")
                .containsEntry("display_name", "Weather Forecast")
                .containsEntry("purpose", "Tells what the weather will be")
                .containsEntry("description", "Forecast for a city")
                .containsEntry("rate_limit", "10 requests per minute");
    }

    @Test
    void aDisplayNameInTheGuidanceWinsOverTheTitle() {
        ToolGuidance named = new ToolGuidance("forecasting", "Forecast", null, "p", null, null, null);

        assertThat(described(Optional.of(named)).toJson())
                .containsEntry("display_name", "Forecast");
    }

    @Test
    void narrowingToATypeKeepsOnlyThatTypesGuidance() {
        ToolDescription narrowed = described(Optional.of(GUIDANCE)).narrowedTo(MbtiType.ESFP);

        assertThat(narrowed.toJson().get("mbti_integration")).isEqualTo(List.of(mbti(MbtiType.ESFP)));
        assertThat(narrowed.covers(MbtiType.ESFP)).isTrue();
        assertThat(narrowed.covers(MbtiType.INTJ)).isFalse();
    }

    @Test
    void aToolWithoutGuidanceCoversNoType() {
        assertThat(described(Optional.empty()).covers(MbtiType.ENFP)).isFalse();
    }

    @Test
    void mbtiTypesParseIgnoringCaseAndRejectEverythingElse() {
        assertThat(MbtiType.parse("enFp")).contains(MbtiType.ENFP);
        assertThat(MbtiType.parse("ENFP-T")).isEmpty();
        assertThat(MbtiType.NAMES).hasSize(16).startsWith("ENFJ", "ENFP").endsWith("ISTJ", "ISTP");
    }
}
