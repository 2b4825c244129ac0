package io.mcpgateway.reasoning;

import static io.mcpgateway.restaurant.reasoning.SentimentAnalyzer.round;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.restaurant.reasoning.RankedCandidate;
import io.mcpgateway.restaurant.reasoning.Recommendation;
import io.mcpgateway.restaurant.reasoning.Selection;

/**
 * The {@code data} of a recommend_restaurants result (REFERENCE-SPEC §3.4 shape, with the fixed figures): scores,
 * percentages and the summary's figures unrounded as the original gives them, the percentile rounded to 2 decimals.
 */
final class RecommendationResponse {

    private RecommendationResponse() {
    }

    static Map<String, Object> of(Recommendation r, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recommendation", CandidateView.of(r.recommendation()));
        data.put("candidates", r.candidates().stream().map(CandidateView::of).toList());
        data.put("ranking_method", r.method().wireName());
        data.put("candidate_count", r.candidates().size());
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("mode", r.selection().wireName());
        if (r.selection() == Selection.RANDOM) {
            selection.put("seed", r.seed());
        }
        data.put("selection", selection);
        data.put("analysis_summary", summary(r));
        data.put("timestamp", now.toString());
        return data;
    }

    private static Map<String, Object> summary(Recommendation r) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_restaurants", r.inputCount());
        summary.put("valid_restaurants", r.ranked());
        summary.put("filtered_restaurants", r.inputCount() - r.ranked());
        summary.put("candidates_selected", r.candidates().size());
        summary.put("ranking_method", r.method().wireName());
        Map<String, Object> averages = new LinkedHashMap<>();
        averages.put("likes", r.averages().likes());
        averages.put("dislikes", r.averages().dislikes());
        averages.put("neutral", r.averages().neutral());
        summary.put("average_sentiment", averages);
        summary.put("top_score", r.topScore());
        summary.put("bottom_score", r.bottomScore());
        summary.put("score_range", r.topScore() - r.bottomScore());
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("total_input_restaurants", r.inputCount());
        quality.put("valid_restaurants", r.ranked());
        quality.put("filtered_restaurants", r.inputCount() - r.ranked());
        quality.put("data_completeness_rate", (double) r.ranked() / r.inputCount());
        summary.put("data_quality", quality);
        summary.put("recommendation_confidence", confidence(r));
        return summary;
    }

    /** Where the recommendation stands among the candidates (each candidate counted once: ids are unique). */
    private static Map<String, Object> confidence(Recommendation r) {
        List<Double> scores = r.candidates().stream().map(RankedCandidate::score).toList();
        double pick = r.recommendation().score();
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        Map<String, Object> confidence = new LinkedHashMap<>();
        confidence.put("recommendation_score", pick);
        confidence.put("score_percentile", round(100.0 * scores.stream().filter(s -> s <= pick).count() / scores.size()));
        confidence.put("score_above_average", pick > mean);
        confidence.put("candidates_with_higher_score", scores.stream().filter(s -> s > pick).count());
        return confidence;
    }
}
