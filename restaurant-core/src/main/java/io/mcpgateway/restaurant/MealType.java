package io.mcpgateway.restaurant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mcpgateway.text.EditDistance;
import io.mcpgateway.text.LooseNames;

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

    /**
     * Parses a name as districts are matched: ignoring case, spaces and punctuation, full-width forms folded
     * ({@code "Dinner"}, {@code " lunch."}, {@code "ＬＵＮＣＨ"}).
     */
    public static Optional<MealType> parse(String name) {
        if (name == null || LooseNames.hasControl(name)) {
            return Optional.empty();
        }
        String wanted = LooseNames.compact(name);
        return Arrays.stream(values()).filter(m -> m.wireName.equals(wanted)).findFirst();
    }

    /**
     * The meal type a name that is none probably means: one a slip away ({@link EditDistance#isSlip}:
     * {@code "breakfst"}, {@code "dinners"}; not {@code "brunch"}).
     */
    public static Optional<MealType> closest(String name) {
        String wanted = name == null ? "" : LooseNames.compact(name);
        return Arrays.stream(values()).filter(meal -> EditDistance.isSlip(wanted, meal.wireName)).findFirst();
    }
}
