package io.mcpgateway.reasoning;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpgateway.restaurant.Sentiment;
import io.mcpgateway.restaurant.reasoning.Candidate;
import io.mcpgateway.restaurant.reasoning.RankedCandidate;

/**
 * A restaurant as the reasoning tools return it (REFERENCE-SPEC §3.2): the input's fields, sentiment with its totals
 * and percentages, and its rank and score. {@code operating_hours} and {@code metadata} are echoed as given.
 */
final class CandidateView {

    private CandidateView() {
    }

    static Map<String, Object> of(RankedCandidate ranked) {
        Candidate c = ranked.candidate();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id());
        view.put("name", c.name());
        view.put("address", c.address());
        view.put("meal_type", c.mealType());
        view.put("sentiment", sentiment(c.sentiment()));
        view.put("location_category", c.locationCategory());
        view.put("district", c.district());
        view.put("price_range", c.priceRange());
        if (c.operatingHours() != null) {
            view.put("operating_hours", c.operatingHours());
        }
        if (c.metadata() != null) {
            view.put("metadata", c.metadata());
        }
        view.put("rank", ranked.rank());
        view.put("score", ranked.score());
        return view;
    }

    private static Map<String, Object> sentiment(Sentiment s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("likes", s.likes());
        view.put("dislikes", s.dislikes());
        view.put("neutral", s.neutral());
        view.put("total_responses", s.totalResponses());
        view.put("likes_percentage", s.likesPercentage());
        view.put("combined_positive_percentage", s.combinedPositivePercentage());
        return view;
    }
}
