package io.mcpgateway.restaurant.reasoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Orders candidates best first by a {@link RankingMethod}; the order is total, so a ranking never varies. */
public final class Ranker {

    /** Candidates with at least one response, best first. */
    public List<RankedCandidate> rank(List<Candidate> candidates, RankingMethod method) {
        Comparator<Candidate> order = Comparator
                .comparingDouble((Candidate c) -> method.score(c.sentiment())).reversed()
                .thenComparing(Comparator.comparingInt((Candidate c) -> c.sentiment().likes()).reversed())
                .thenComparing(Comparator.comparingLong((Candidate c) -> c.sentiment().totalResponses()).reversed())
                .thenComparingInt(Candidate::position);
        List<Candidate> sorted = candidates.stream().filter(c -> c.sentiment().hasResponses()).sorted(order).toList();
        List<RankedCandidate> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(new RankedCandidate(sorted.get(i), i + 1, method.score(sorted.get(i).sentiment())));
        }
        return ranked;
    }
}
