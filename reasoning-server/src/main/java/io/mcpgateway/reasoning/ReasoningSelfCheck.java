package io.mcpgateway.reasoning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.mcpkit.HealthReport;
import io.mcpgateway.restaurant.reasoning.Candidate;
import io.mcpgateway.restaurant.reasoning.CandidateParser;
import io.mcpgateway.restaurant.reasoning.RankingMethod;
import io.mcpgateway.restaurant.reasoning.Recommender;
import io.mcpgateway.restaurant.reasoning.Selection;
import io.mcpgateway.restaurant.reasoning.SentimentAnalyzer;

/**
 * The reasoning server's {@code GET /health}, in the original's shape (REFERENCE-SPEC §3.1): on every call a sample
 * restaurant goes through each service the tools use (validation, sentiment, recommendation), and each reports
 * {@code healthy} or {@code unhealthy}; any failure makes the server {@code unhealthy} (503), with its reason.
 */
final class ReasoningSelfCheck {

    private static final Logger log = LoggerFactory.getLogger(ReasoningSelfCheck.class);

    static final String SERVER_TYPE = "restaurant_reasoning_mcp";
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";

    private static final Map<String, Object> SAMPLE = Map.of("id", "health-check", "name", "Health Check Kitchen",
            "sentiment", Map.of("likes", 3, "dislikes", 1, "neutral", 1));

    /** A service's check: throws when the service fails. */
    @FunctionalInterface
    interface Check {
        void run();
    }

    private final Map<String, Check> checks;
    private final List<String> tools;

    /** @param checks each service's name and its check, in the order they are reported */
    ReasoningSelfCheck(Map<String, Check> checks, List<String> tools) {
        this.checks = new LinkedHashMap<>(checks);
        this.tools = List.copyOf(tools);
    }

    /** The checks of the services the tools use, on the tools' own parser, analyzer and recommender. */
    static ReasoningSelfCheck of(CandidateParser parser, SentimentAnalyzer analyzer, Recommender recommender,
            List<String> tools) {
        Objects.requireNonNull(parser, "parser");
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("validation_service", () -> parser.parse(List.of(SAMPLE)));
        checks.put("sentiment_service", () -> analyzer.analyze(sample(parser)));
        checks.put("recommendation_service", () -> recommender.recommend(sample(parser), RankingMethod.DEFAULT,
                Recommender.DEFAULT_CANDIDATE_COUNT, Selection.TOP, null));
        return new ReasoningSelfCheck(checks, tools);
    }

    private static List<Candidate> sample(CandidateParser parser) {
        return parser.parse(List.of(SAMPLE));
    }

    HealthReport report() {
        Map<String, Object> checked = new LinkedHashMap<>();
        String error = null;
        for (Map.Entry<String, Check> check : checks.entrySet()) {
            try {
                check.getValue().run();
                checked.put(check.getKey(), HEALTHY);
            } catch (RuntimeException e) {
                checked.put(check.getKey(), UNHEALTHY);
                log.error("Health check of {} failed", check.getKey(), e);
                error = error != null ? error : check.getKey() + " failed its check on a sample restaurant";
            }
        }
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("reasoning_service", error == null ? HEALTHY : UNHEALTHY); // the server as a whole
        services.putAll(checked);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("server_type", SERVER_TYPE);
        details.put("services", services);
        if (error != null) {
            details.put("error", error);
        }
        details.put("tools", tools);
        return new HealthReport(error == null ? HealthReport.Status.HEALTHY : HealthReport.Status.UNHEALTHY, details);
    }
}
