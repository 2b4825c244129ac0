package io.mcpgateway.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.mcpkit.HealthReport;
import io.mcpgateway.restaurant.reasoning.CandidateParser;
import io.mcpgateway.restaurant.reasoning.Ranker;
import io.mcpgateway.restaurant.reasoning.Recommender;
import io.mcpgateway.restaurant.reasoning.SentimentAnalyzer;

class ReasoningSelfCheckTest {

    @Test
    void theToolsServicesPassTheirCheckOnASampleRestaurant() {
        HealthReport report = ReasoningSelfCheck.of(new CandidateParser(), new SentimentAnalyzer(),
                new Recommender(new Ranker(), () -> 1L), List.of("a_tool")).report();

        assertThat(report.status()).isEqualTo(HealthReport.Status.HEALTHY);
        assertThat(report.details()).containsEntry("server_type", "restaurant_reasoning_mcp")
                .containsEntry("services", Map.of("reasoning_service", "healthy", "validation_service", "healthy",
                        "sentiment_service", "healthy", "recommendation_service", "healthy"))
                .containsEntry("tools", List.of("a_tool"))
                .doesNotContainKey("error");
    }

    @Test
    void aServiceFailingItsCheckMakesTheServerUnhealthyNamingIt() {
        Map<String, ReasoningSelfCheck.Check> checks = new LinkedHashMap<>();
        checks.put("validation_service", () -> { });
        checks.put("sentiment_service", () -> {
            throw new IllegalStateException("broken");
        });

        HealthReport report = new ReasoningSelfCheck(checks, List.of()).report();

        assertThat(report.status()).isEqualTo(HealthReport.Status.UNHEALTHY);
        assertThat(report.status().httpStatus()).isEqualTo(503);
        assertThat(report.details()).containsEntry("services", Map.of("reasoning_service", "unhealthy",
                "validation_service", "healthy", "sentiment_service", "unhealthy"))
                .containsEntry("error", "sentiment_service failed its check on a sample restaurant");
    }
}
