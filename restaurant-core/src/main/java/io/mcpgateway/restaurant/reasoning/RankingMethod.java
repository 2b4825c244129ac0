package io.mcpgateway.restaurant.reasoning;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mcpgateway.restaurant.Sentiment;

/**
 * How candidates are ordered. Each method ranks by the same score it reports, so the top candidate always has the
 * top score (the original ranked {@code sentiment_likes} by raw likes but scored it by percentage, §7.11).
 */
public enum RankingMethod {
    /** Share of responses that are likes; ties go to more likes, then more responses. */
    SENTIMENT_LIKES("sentiment_likes") {
        @Override
        public double score(Sentiment s) {
            return s.likesPercentage();
        }
    },
    /** Share of responses that are likes or neutral; ties go to more likes, then more responses. */
    COMBINED_SENTIMENT("combined_sentiment") {
        @Override
        public double score(Sentiment s) {
            return s.combinedPositivePercentage();
        }
    };

    public static final RankingMethod DEFAULT = SENTIMENT_LIKES;
    public static final List<String> NAMES = Arrays.stream(values()).map(RankingMethod::wireName).toList();

    private final String wireName;

    RankingMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The score, 0–100, a restaurant with this sentiment gets. */
    public abstract double score(Sentiment sentiment);

    public static Optional<RankingMethod> parse(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
