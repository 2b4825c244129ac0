package io.mcpgateway.restaurant.reasoning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.Sentiment;

/**
 * Summarises the sentiment of a group of restaurants. Restaurants without any response carry no opinion and are left
 * out of the figures (and counted as such); a group with no responses at all is an error, as it is for
 * recommendations (the original answered zeros here, §7.11).
 */
public final class SentimentAnalyzer {

    /** The original's exact message (REFERENCE-SPEC §3.4); why, in the details. */
    static final String NO_RATED_RESTAURANTS = "No valid restaurants with sentiment data found";
    static final Map<String, Object> NO_RATED_RESTAURANTS_DETAILS =
            Map.of("reason", "every restaurant has zero likes, dislikes and neutral responses");

    public SentimentAnalysis analyze(List<Candidate> candidates) {
        List<Sentiment> rated = candidates.stream().map(Candidate::sentiment).filter(Sentiment::hasResponses).toList();
        if (rated.isEmpty()) {
            throw InvalidInputException.validation(NO_RATED_RESTAURANTS, NO_RATED_RESTAURANTS_DETAILS);
        }
        double n = rated.size();
        return new SentimentAnalysis(candidates.size(), rated.size(),
                round(rated.stream().mapToLong(Sentiment::likes).sum() / n),
                round(rated.stream().mapToLong(Sentiment::dislikes).sum() / n),
                round(rated.stream().mapToLong(Sentiment::neutral).sum() / n),
                round(rated.stream().mapToDouble(Sentiment::likesPercentage).max().orElse(0)),
                round(rated.stream().mapToDouble(Sentiment::likesPercentage).min().orElse(0)),
                round(rated.stream().mapToDouble(Sentiment::likesPercentage).average().orElse(0)));
    }

    /**
     * Two decimals as the original rounds (Python's {@code round(x, 2)}): half to even on the exact binary value, so
     * 3.125 is 3.12 and 2.675 (stored as 2.67499...) is 2.67.
     */
    public static double round(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
