package io.mcpgateway.restaurant.reasoning;

/**
 * Sentiment statistics over a group of restaurants (REFERENCE-SPEC §3.5).
 *
 * @param inputCount restaurants passed in
 * @param restaurantCount restaurants with at least one response, over which the figures are computed
 * @param averageLikes mean likes, rounded to 2 decimals
 * @param topSentimentScore highest likes percentage, rounded to 2 decimals
 * @param bottomSentimentScore lowest likes percentage, rounded to 2 decimals
 */
public record SentimentAnalysis(int inputCount, int restaurantCount, double averageLikes, double averageDislikes,
        double averageNeutral, double topSentimentScore, double bottomSentimentScore,
        double averageLikesPercentage) {
}
