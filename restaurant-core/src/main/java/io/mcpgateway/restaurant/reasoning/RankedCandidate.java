package io.mcpgateway.restaurant.reasoning;

import java.util.Objects;

/**
 * A candidate with its place in a ranking.
 *
 * @param rank 1 for the best
 * @param score the ranking method's score, 0–100
 */
public record RankedCandidate(Candidate candidate, int rank, double score) {

    public RankedCandidate {
        Objects.requireNonNull(candidate, "candidate");
    }
}
