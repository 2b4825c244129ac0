package io.mcpgateway.restaurant;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A meal period of the day. Periods are half-open minute ranges, so a place that closes as lunch ends does not count
 * as serving dinner (REFERENCE-SPEC §7.10 fixed): breakfast [07:00, 11:30), lunch [11:30, 17:30), dinner
 * [17:30, 22:30] (22:30 itself is still dinner).
 */
public enum MealType {
    BREAKFAST("breakfast", 7 * 60, 11 * 60 + 30, "07:00 - 11:29"),
    LUNCH("lunch", 11 * 60 + 30, 17 * 60 + 30, "11:30 - 17:29"),
    DINNER("dinner", 17 * 60 + 30, 22 * 60 + 31, "17:30 - 22:30");

    /** The wire names, in period order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(MealType::wireName).toList();

    private final String wireName;
    private final int startMinute;
    private final int endMinuteExclusive;
    private final String displayRange;

    MealType(String wireName, int startMinute, int endMinuteExclusive, String displayRange) {
        this.wireName = wireName;
        this.startMinute = startMinute;
        this.endMinuteExclusive = endMinuteExclusive;
        this.displayRange = displayRange;
    }

    public String wireName() {
        return wireName;
    }

    /** First minute of the day (0–1439) in this period. */
    public int startMinute() {
        return startMinute;
    }

    /** First minute of the day after this period. */
    public int endMinuteExclusive() {
        return endMinuteExclusive;
    }

    /** The period as people read it, for example {@code "07:00 - 11:29"}. */
    public String displayRange() {
        return displayRange;
    }

    /** The bit of this period in a meal mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Parses a name case-insensitively, ignoring surrounding whitespace. */
    public static Optional<MealType> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wireName.equals(wanted)).findFirst();
    }
}
