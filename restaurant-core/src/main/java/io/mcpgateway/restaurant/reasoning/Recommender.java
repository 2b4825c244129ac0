package io.mcpgateway.restaurant.reasoning;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import io.mcpgateway.restaurant.InvalidInputException;

/**
 * Picks a recommendation from ranked candidates (REFERENCE-SPEC §3.4, fixed): the top candidate unless the caller
 * asks for a random pick, which is then reproducible from the seed it reports.
 */
public final class Recommender {

    public static final int DEFAULT_CANDIDATE_COUNT = 20;
    public static final int MAX_CANDIDATE_COUNT = 100;

    private final Ranker ranker;
    private final LongSupplier seedSource;

    /** @param seedSource where seeds come from when a random pick has none; injected so tests can fix it */
    public Recommender(Ranker ranker, LongSupplier seedSource) {
        this.ranker = Objects.requireNonNull(ranker, "ranker");
        this.seedSource = Objects.requireNonNull(seedSource, "seedSource");
    }

    public Recommendation recommend(List<Candidate> candidates, RankingMethod method, int candidateCount,
            Selection selection, Long seed) {
        if (candidateCount < 1 || candidateCount > MAX_CANDIDATE_COUNT) {
            throw InvalidInputException.validation(
                    "candidate_count must be between 1 and " + MAX_CANDIDATE_COUNT + " but was " + candidateCount);
        }
        List<RankedCandidate> ranked = ranker.rank(candidates, method);
        if (ranked.isEmpty()) {
            throw InvalidInputException.validation(SentimentAnalyzer.NO_RATED_RESTAURANTS,
                    SentimentAnalyzer.NO_RATED_RESTAURANTS_DETAILS);
        }
        List<RankedCandidate> shortlist = ranked.subList(0, Math.min(candidateCount, ranked.size()));
        Long usedSeed = null;
        RankedCandidate pick = shortlist.get(0);
        if (selection == Selection.RANDOM) {
            usedSeed = seed != null ? seed : seedSource.getAsLong();
            // SplittableRandom mixes its seed: java.util.Random's first draw below a power of two barely moves between
            // nearby seeds (seeds 0-999 all picked the second of two), so trying seeds 1, 2, 3 gave one answer.
            pick = shortlist.get(new SplittableRandom(usedSeed).nextInt(shortlist.size()));
        }
        return new Recommendation(pick, shortlist, method, selection, usedSeed, candidates.size(), ranked.size(),
                Recommendation.SentimentAverages.of(ranked.stream().map(r -> r.candidate().sentiment()).toList()),
                ranked.get(0).score(), ranked.get(ranked.size() - 1).score());
    }
}
