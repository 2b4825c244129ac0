package io.mcpgateway.gateway.toolmeta;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a tool serves people of one MBTI personality type: what they tend to want, how they tend to search, and what a
 * recommendation for them should stress.
 */
public record MbtiGuidance(
        @JsonProperty("personality_type") MbtiType personalityType,
        @JsonProperty("preferences") List<String> preferences,
        @JsonProperty("search_patterns") List<String> searchPatterns,
        @JsonProperty("recommendation_focus") String recommendationFocus) {

    public MbtiGuidance {
        if (personalityType == null) {
            throw new IllegalArgumentException("personality_type is required and must be one of " + MbtiType.NAMES);
        }
        preferences = GuidanceFields.texts("preferences", preferences);
        searchPatterns = GuidanceFields.texts("search_patterns", searchPatterns);
        GuidanceFields.text("recommendation_focus", recommendationFocus);
    }

    boolean isFor(MbtiType type) {
        return personalityType == Objects.requireNonNull(type, "type");
    }
}
