package io.mcpgateway.restaurant.reasoning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.Sentiment;

/**
 * Summarises the sentiment of a group of restaurants. Restaurants without any response carry no opinion and are left
 * out of the figures (and counted as such); a group with no responses at all is an error, as it is for
 * recommendations (the original answered zeros here, §7.11).
 */
public final class SentimentAnalyzer {

    public SentimentAnalysis analyze(List<Candidate> candidates) {
        List<Sentiment> rated = candidates.stream().map(Candidate::sentiment).filter(Sentiment::hasResponses).toList();
        if (rated.isEmpty()) {
            throw InvalidInputException.validation("No valid restaurants with sentiment data found: every restaurant"
                    + " has zero likes, dislikes and neutral responses");
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
