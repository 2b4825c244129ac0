package io.mcpgateway.restaurant.reasoning;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the recommendation is picked from the candidates. */
public enum Selection {
    /** The best-ranked candidate: the same answer every time (the default). */
    TOP("top"),
    /** A uniformly random candidate; reproducible with the seed reported back. */
    RANDOM("random");

    public static final List<String> NAMES = Arrays.stream(values()).map(Selection::wireName).toList();

    private final String wireName;

    Selection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Selection> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
