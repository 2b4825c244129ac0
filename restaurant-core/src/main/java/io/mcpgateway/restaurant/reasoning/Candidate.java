package io.mcpgateway.restaurant.reasoning;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.restaurant.Sentiment;

/**
 * A restaurant handed to the reasoning tools, checked and normalised. Fields the reasoning does not use
 * ({@code operating_hours}, {@code metadata}) are kept as given so they can be echoed back.
 *
 * @param position where it stood in the caller's list (0-based), the final tie-breaker of every ranking
 */
public record Candidate(int position, String id, String name, String address, List<String> mealType,
        Sentiment sentiment, String locationCategory, String district, String priceRange,
        Map<String, Object> operatingHours, Map<String, Object> metadata) {

    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sentiment, "sentiment");
        mealType = mealType == null ? List.of() : List.copyOf(mealType);
    }
}
