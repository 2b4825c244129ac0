package io.mcpgateway.restaurant.reasoning;

import java.util.List;

import io.mcpgateway.restaurant.Sentiment;

/**
 * The outcome of a recommendation.
 *
 * @param recommendation the chosen candidate
 * @param candidates the best-ranked candidates the choice was made from
 * @param method the ranking method used
 * @param selection how the recommendation was picked
 * @param seed the random seed used, when {@code selection} is random
 * @param inputCount how many restaurants the caller passed
 * @param ranked how many of them had sentiment responses and were ranked
 * @param averages mean likes, dislikes and neutral over the ranked restaurants
 * @param topScore best score over the ranked restaurants
 * @param bottomScore worst score over the ranked restaurants
 */
public record Recommendation(RankedCandidate recommendation, List<RankedCandidate> candidates, RankingMethod method,
        Selection selection, Long seed, int inputCount, int ranked, SentimentAverages averages, double topScore,
        double bottomScore) {

    public Recommendation {
        candidates = List.copyOf(candidates);
    }

    /** Mean sentiment counts over a group of restaurants. */
    public record SentimentAverages(double likes, double dislikes, double neutral) {

        static SentimentAverages of(List<Sentiment> sentiments) {
            double n = Math.max(1, sentiments.size());
            return new SentimentAverages(
                    sentiments.stream().mapToLong(Sentiment::likes).sum() / n,
                    sentiments.stream().mapToLong(Sentiment::dislikes).sum() / n,
                    sentiments.stream().mapToLong(Sentiment::neutral).sum() / n);
        }
    }
}
