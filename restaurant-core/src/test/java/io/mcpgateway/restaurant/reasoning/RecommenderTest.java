package io.mcpgateway.restaurant.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.restaurant.InvalidInputException;

class RecommenderTest {

    private final CandidateParser parser = new CandidateParser();
    private final Recommender recommender = new Recommender(new Ranker(), () -> 99L);

    private static Map<String, Object> restaurant(String id, int likes, int dislikes, int neutral) {
        return Map.of("id", id, "name", "Place " + id,
                "sentiment", Map.of("likes", likes, "dislikes", dislikes, "neutral", neutral));
    }

    private final List<Candidate> candidates = parser.parse(List.of(
            restaurant("many-likes", 90, 60, 0),   // 60% liked
            restaurant("best-share", 9, 1, 0),     // 90% liked
            restaurant("tie-fewer", 8, 2, 0),      // 80% liked, 8 likes
            restaurant("tie-more", 16, 4, 0),      // 80% liked, 16 likes
            restaurant("neutral-fan", 5, 0, 5),    // 50% liked, 100% liked or neutral
            restaurant("unrated", 0, 0, 0)));

    @Test
    void topSelectionRecommendsTheBestRankedEveryTime() {
        Recommendation first = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, 20, Selection.TOP, null);
        Recommendation again = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, 20, Selection.TOP, null);

        assertThat(first.recommendation().candidate().id()).isEqualTo("best-share");
        assertThat(again.recommendation()).isEqualTo(first.recommendation());
        assertThat(first.seed()).isNull();
    }

    @Test
    void likesRankingOrdersByShareThenLikesAndLeavesOutUnrated() {
        Recommendation r = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, 20, Selection.TOP, null);

        assertThat(r.candidates()).extracting(c -> c.candidate().id())
                .containsExactly("best-share", "tie-more", "tie-fewer", "many-likes", "neutral-fan");
        assertThat(r.candidates()).extracting(RankedCandidate::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(r.candidates().get(0).score()).isEqualTo(90.0);
        assertThat(r.inputCount()).isEqualTo(6);
        assertThat(r.ranked()).isEqualTo(5);
    }

    @Test
    void combinedRankingCountsNeutralAsPositive() {
        Recommendation r = recommender.recommend(candidates, RankingMethod.COMBINED_SENTIMENT, 2, Selection.TOP, null);

        assertThat(r.candidates()).extracting(c -> c.candidate().id()).containsExactly("neutral-fan", "best-share");
        assertThat(r.recommendation().score()).isEqualTo(100.0);
    }

    @Test
    void randomSelectionIsReproducibleFromItsSeed() {
        Recommendation seeded = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, 5, Selection.RANDOM, 7L);
        Recommendation same = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, 5, Selection.RANDOM, 7L);
        Recommendation unseeded = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, 5, Selection.RANDOM, null);

        assertThat(same.recommendation()).isEqualTo(seeded.recommendation());
        assertThat(seeded.seed()).isEqualTo(7L);
        assertThat(unseeded.seed()).isEqualTo(99L);
        assertThat(seeded.candidates()).contains(seeded.recommendation());
    }

    @Test
    void consecutiveSeedsPickAcrossTheWholeShortlist() {
        // a caller tries seeds 1, 2, 3... for alternatives; with shortlists of 2 and 4 (powers of two) every seed
        // once picked the same candidate
        for (int shortlist : new int[] {2, 4, 5}) {
            Map<String, Integer> picks = new HashMap<>();
            for (long seed = 0; seed < 100; seed++) {
                String id = recommender.recommend(candidates, RankingMethod.SENTIMENT_LIKES, shortlist,
                        Selection.RANDOM, seed).recommendation().candidate().id();
                picks.merge(id, 1, Integer::sum);
            }
            assertThat(picks).as("picks of 100 seeds among %d", shortlist).hasSize(shortlist);
            assertThat(picks.values()).allSatisfy(n -> assertThat(n).isGreaterThan(100 / shortlist / 3));
        }
    }

    @Test
    void candidateCountOutOfRangeIsRejected() {
        assertThatThrownBy(() -> recommender.recommend(candidates, RankingMethod.DEFAULT, 0, Selection.TOP, null))
                .hasMessage("candidate_count must be between 1 and 100 but was 0");
        assertThatThrownBy(() -> recommender.recommend(candidates, RankingMethod.DEFAULT, 101, Selection.TOP, null))
                .hasMessage("candidate_count must be between 1 and 100 but was 101");
    }

    @Test
    void onlyUnratedRestaurantsCannotBeRecommended() {
        List<Candidate> unrated = parser.parse(List.of(restaurant("u", 0, 0, 0)));

        // the original's exact message (REFERENCE-SPEC §3.4); the reason goes in the details
        assertThatThrownBy(() -> recommender.recommend(unrated, RankingMethod.DEFAULT, 20, Selection.TOP, null))
                .hasMessage("No valid restaurants with sentiment data found")
                .extracting(e -> ((InvalidInputException) e).details())
                .isEqualTo(Map.of("reason", "every restaurant has zero likes, dislikes and neutral responses"));
        assertThatThrownBy(() -> new SentimentAnalyzer().analyze(unrated))
                .hasMessage("No valid restaurants with sentiment data found");
    }

    @Test
    void analysisAveragesTheRatedRestaurants() {
        SentimentAnalysis analysis = new SentimentAnalyzer().analyze(parser.parse(List.of(
                restaurant("a", 3, 1, 0), restaurant("b", 1, 0, 2), restaurant("u", 0, 0, 0))));

        assertThat(analysis.inputCount()).isEqualTo(3);
        assertThat(analysis.restaurantCount()).isEqualTo(2);
        assertThat(analysis.averageLikes()).isEqualTo(2.0);
        assertThat(analysis.averageDislikes()).isEqualTo(0.5);
        assertThat(analysis.averageNeutral()).isEqualTo(1.0);
        assertThat(analysis.topSentimentScore()).isEqualTo(75.0);
        assertThat(analysis.bottomSentimentScore()).isEqualTo(33.33);
    }
}
