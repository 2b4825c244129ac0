package io.mcpgateway.restaurant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Counts of diner reactions to a restaurant; all counts are non-negative. */
public record Sentiment(
        @JsonProperty("likes") int likes,
        @JsonProperty("dislikes") int dislikes,
        @JsonProperty("neutral") int neutral) {

    public static final Sentiment NONE = new Sentiment(0, 0, 0);

    public Sentiment {
        requireNonNegative("likes", likes);
        requireNonNegative("dislikes", dislikes);
        requireNonNegative("neutral", neutral);
    }

    /** All responses; a long because three large int counts may not fit an int. */
    @JsonIgnore
    public long totalResponses() {
        return (long) likes + dislikes + neutral;
    }

    @JsonIgnore
    public boolean hasResponses() {
        return totalResponses() > 0;
    }

    /**
     * Likes as a percentage of all responses; 0 when there are none. Computed as the original does (the share, then
     * times 100), so that the unrounded figures are the same to the last bit: 1/3 gives 33.33333333333333.
     */
    @JsonIgnore
    public double likesPercentage() {
        return hasResponses() ? (double) likes / totalResponses() * 100.0 : 0.0;
    }

    /** Likes plus neutral responses as a percentage of all responses; 0 when there are none. */
    @JsonIgnore
    public double combinedPositivePercentage() {
        return hasResponses() ? (double) ((long) likes + neutral) / totalResponses() * 100.0 : 0.0;
    }

    private static void requireNonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("sentiment." + field + " must be a non-negative integer but was " + value);
        }
    }
}
