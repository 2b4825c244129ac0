package io.mcpgateway.restaurant.search;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.meal.MealPeriodClassifier;

/**
 * An immutable in-memory index of a data set, built once at load time, so that every search costs time in the size
 * of its result page rather than the data set.
 *
 * <p>Restaurants sit in one array in canonical order (catalog district order, then file order), so each district is
 * a contiguous range. For each of the seven non-empty sets of meal periods, a sorted array holds the ordinals of the
 * restaurants serving any meal of the set; a district's share of it is found by binary search.
 */
public final class RestaurantIndex {

    private static final int MEAL_SETS = 1 << MealType.values().length;

    private final DataSet dataSet;
    private final Restaurant[] restaurants;
    private final byte[] mealMasks;
    private final Map<District, int[]> districtRanges;
    private final int[][] ordinalsByMealSet;

    public RestaurantIndex(DataSet dataSet, MealPeriodClassifier classifier) {
        this.dataSet = Objects.requireNonNull(dataSet, "dataSet");
        this.restaurants = dataSet.restaurantsByDistrict().values().stream()
                .flatMap(List::stream).toArray(Restaurant[]::new);
        this.mealMasks = new byte[restaurants.length];
        int[] countsByMask = new int[MEAL_SETS];
        for (int i = 0; i < restaurants.length; i++) {
            mealMasks[i] = (byte) classifier.mealMask(restaurants[i].operatingHours());
            countsByMask[mealMasks[i]]++;
        }
        this.districtRanges = rangesOf(dataSet);
        this.ordinalsByMealSet = ordinalsByMealSet(countsByMask);
    }

    private static Map<District, int[]> rangesOf(DataSet dataSet) {
        Map<District, int[]> ranges = new HashMap<>();
        int start = 0;
        for (var entry : dataSet.restaurantsByDistrict().entrySet()) {
            int end = start + entry.getValue().size();
            ranges.put(entry.getKey(), new int[] {start, end});
            start = end;
        }
        return Map.copyOf(ranges);
    }

    private int[][] ordinalsByMealSet(int[] countsByMask) {
        int[][] result = new int[MEAL_SETS][];
        for (int set = 1; set < MEAL_SETS; set++) {
            int size = 0;
            for (int mask = 1; mask < MEAL_SETS; mask++) {
                if ((mask & set) != 0) {
                    size += countsByMask[mask];
                }
            }
            int[] ordinals = new int[size];
            int n = 0;
            for (int i = 0; i < mealMasks.length; i++) {
                if ((mealMasks[i] & set) != 0) {
                    ordinals[n++] = i;
                }
            }
            result[set] = ordinals;
        }
        return result;
    }

    public DataSet dataSet() {
        return dataSet;
    }

    public int size() {
        return restaurants.length;
    }

    public Restaurant restaurant(int ordinal) {
        return restaurants[ordinal];
    }

    /** The meals served by the restaurant at {@code ordinal}, as a {@link MealType#bit()} mask. */
    public int mealMask(int ordinal) {
        return mealMasks[ordinal];
    }

    /** How many restaurants a district has (0 without a data file). */
    public int countIn(District district) {
        int[] range = districtRanges.get(district);
        return range == null ? 0 : range[1] - range[0];
    }

    Matches inDistricts(List<District> districts, int mealSet) {
        Matches matches = new Matches();
        for (District district : districts) {
            int[] range = districtRanges.get(district);
            if (range == null) {
                continue;
            }
            if (mealSet == 0) {
                matches.addRange(range[0], range[1]);
            } else {
                int[] ordinals = ordinalsByMealSet[mealSet];
                matches.addPart(ordinals, lowerBound(ordinals, range[0]), lowerBound(ordinals, range[1]));
            }
        }
        return matches;
    }

    Matches everywhere(int mealSet) {
        Matches matches = new Matches();
        int[] ordinals = ordinalsByMealSet[mealSet];
        matches.addPart(ordinals, 0, ordinals.length);
        return matches;
    }

    /** The first position in a sorted array whose value is at least {@code key}. */
    private static int lowerBound(int[] sorted, int key) {
        int at = Arrays.binarySearch(sorted, key);
        if (at >= 0) {
            return at;
        }
        return -at - 1;
    }
}
