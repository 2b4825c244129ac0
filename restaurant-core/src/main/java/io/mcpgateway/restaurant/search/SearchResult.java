package io.mcpgateway.restaurant.search;

import java.util.List;
import java.util.Map;

import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;

/**
 * One page of a search, with what the search was understood to mean.
 *
 * @param restaurants the restaurants of this page, in result order
 * @param mealMasks the meals each restaurant of the page serves ({@link MealType#bit()} mask), index-aligned
 * @param totalCount how many restaurants matched in all
 * @param districts the districts searched, resolved and without duplicates (empty for a search of all districts)
 * @param mealTypes the meal periods searched, without duplicates (empty when not filtered by meal)
 * @param districtCounts for each searched district, how many restaurants it has before any meal filter
 * @param page the page that was asked for
 */
public record SearchResult(List<Restaurant> restaurants, int[] mealMasks, int totalCount, List<District> districts,
        List<MealType> mealTypes, Map<String, Integer> districtCounts, PageRequest page) {

    public SearchResult {
        restaurants = List.copyOf(restaurants);
        mealMasks = mealMasks.clone();
        districts = List.copyOf(districts);
        mealTypes = List.copyOf(mealTypes);
        districtCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(districtCounts));
        if (mealMasks.length != restaurants.size()) {
            throw new IllegalArgumentException("one meal mask per restaurant is needed");
        }
    }

    /** Whether more matches follow this page. */
    public boolean hasMore() {
        return page.offset() + restaurants.size() < totalCount;
    }
}
