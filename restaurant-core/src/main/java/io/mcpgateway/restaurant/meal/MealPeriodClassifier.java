package io.mcpgateway.restaurant.meal;

import java.util.EnumSet;
import java.util.Set;

import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.OperatingHours;

/**
 * Decides which meal periods a restaurant serves from its opening hours.
 *
 * <p>A restaurant serves a meal when any opening range of any day type shares at least one minute with the meal's
 * half-open period ({@link MealType}). Day types are pooled: the question answered is "does it ever serve dinner",
 * which is what the search tools ask.
 */
public final class MealPeriodClassifier {

    /** The meals served, as a bit mask of {@link MealType#bit()}; computed once per restaurant by the index. */
    public int mealMask(OperatingHours hours) {
        int mask = 0;
        for (String text : (Iterable<String>) hours.allRanges()::iterator) {
            for (OpeningRange range : HoursParser.parse(text)) {
                for (MealType meal : MealType.values()) {
                    if (range.overlaps(meal.startMinute(), meal.endMinuteExclusive())) {
                        mask |= meal.bit();
                    }
                }
            }
        }
        return mask;
    }

    /**
     * Whether an hours string looks like opening hours but no range can be read from it ({@code "7am - 10am"},
     * {@code "25:00 - 26:00"}): it counts for no meal, so the data set's loading reports it. Text without digits
     * ({@code "Closed"}) is not hours.
     */
    public static boolean isUnreadable(String hours) {
        return HoursParser.isUnreadable(hours);
    }

    /** The meals served by a restaurant open during {@code hours}. */
    public Set<MealType> meals(OperatingHours hours) {
        int mask = mealMask(hours);
        EnumSet<MealType> meals = EnumSet.noneOf(MealType.class);
        for (MealType meal : MealType.values()) {
            if ((mask & meal.bit()) != 0) {
                meals.add(meal);
            }
        }
        return meals;
    }
}
