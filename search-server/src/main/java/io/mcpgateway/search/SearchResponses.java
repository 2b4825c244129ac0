package io.mcpgateway.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.catalog.DistrictCatalog;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.search.SearchResult;

/**
 * Builds the {@code data} of search results in the original's shape (REFERENCE-SPEC §2.2–2.7) plus pagination:
 * {@code {"restaurants", "count", "total_count", "metadata"}}.
 */
final class SearchResponses {

    private final DistrictCatalog catalog;
    private final Set<District> incomplete;
    private final Set<District> withData;

    /**
     * @param incomplete the districts whose data file could not be read whole (the data set's problems)
     * @param withData the districts that have a data file
     */
    SearchResponses(DistrictCatalog catalog, Set<District> incomplete, Set<District> withData) {
        this.catalog = catalog;
        this.incomplete = Set.copyOf(incomplete);
        this.withData = Set.copyOf(withData);
    }

    /**
     * The districts of {@code dataSet} whose data file was unreadable, not JSON, or had records skipped (not those
     * whose file only had keys the format does not know: everything it knows loaded).
     */
    static Set<District> incompleteDistricts(DataSet dataSet) {
        Set<String> files = new HashSet<>();
        dataSet.problems().stream().filter(problem -> !problem.isWarning())
                .forEach(problem -> files.add(problem.file()));
        Set<District> incomplete = new HashSet<>();
        for (District district : dataSet.catalog().districts()) {
            if (files.contains(district.dataFile())) {
                incomplete.add(district);
            }
        }
        return incomplete;
    }

    /** Whether the data file of {@code district} could not be read whole: its count is then not all there is. */
    boolean isIncomplete(District district) {
        return incomplete.contains(district);
    }

    Map<String, Object> data(SearchResult result, Map<String, Object> metadata) {
        // The original answered a district whose file it could not read as one without restaurants (REFERENCE-SPEC
        // 7.9); here the answer names such districts among those searched, so an empty result is not mistaken.
        if (!incomplete.isEmpty()) { // a whole data set, the usual case, costs a search nothing here
            List<District> searched = result.districts().isEmpty() ? catalog.districts() : result.districts();
            List<String> incompleteSearched = searched.stream().filter(incomplete::contains).map(District::name)
                    .distinct().toList();
            if (!incompleteSearched.isEmpty()) {
                metadata.put("incomplete_districts", incompleteSearched);
            }
        }
        // Most districts of the catalog have no data file (56 of 85 in the real data set): their 0 means "not known
        // here", not "no restaurant there", which a caller told only district_counts could not tell apart.
        List<String> withoutData = result.districts().stream()
                .filter(district -> !withData.contains(district) && !incomplete.contains(district))
                .map(District::name).toList();
        if (!withoutData.isEmpty()) {
            metadata.put("districts_without_data", withoutData);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("restaurants", result.restaurants());
        data.put("count", result.restaurants().size());
        data.put("total_count", result.totalCount());
        metadata.put("pagination", pagination(result));
        data.put("metadata", metadata);
        return data;
    }

    Map<String, Object> criteria(String searchType, List<String> districts, SearchResult result,
            List<String> mealTypes) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        if (districts != null) {
            criteria.put("districts", districts);
            criteria.put("normalized_districts", result.districts().stream().map(District::name).toList());
        } else if (searchType.equals("combined")) {
            criteria.put("districts", null);
            criteria.put("normalized_districts", null);
        }
        if (mealTypes != null) {
            criteria.put("meal_types", mealTypes);
            criteria.put("normalized_meal_types", result.mealTypes().stream().map(MealType::wireName).toList());
        } else if (searchType.equals("combined")) {
            criteria.put("meal_types", null);
        }
        criteria.put("search_type", searchType);
        return criteria;
    }

    Map<String, List<String>> availableDistricts() {
        return catalog.namesByRegion();
    }

    /** Meal counts and names over the restaurants of the page returned, as the original computed over its result. */
    static Map<String, Object> mealAnalysis(SearchResult result) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (MealType meal : MealType.values()) {
            counts.put(meal.wireName(), 0);
            names.put(meal.wireName(), new ArrayList<>());
        }
        int[] masks = result.mealMasks();
        for (int i = 0; i < masks.length; i++) {
            for (MealType meal : MealType.values()) {
                if ((masks[i] & meal.bit()) != 0) {
                    counts.merge(meal.wireName(), 1, Integer::sum);
                    names.get(meal.wireName()).add(result.restaurants().get(i).name());
                }
            }
        }
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("total_restaurants", result.restaurants().size());
        analysis.put("meal_type_counts", counts);
        analysis.put("restaurants_by_meal_type", names);
        return analysis;
    }

    static Map<String, String> mealPeriods() {
        Map<String, String> periods = new LinkedHashMap<>();
        for (MealType meal : MealType.values()) {
            periods.put(meal.wireName(), meal.displayRange());
        }
        return periods;
    }

    private static Map<String, Object> pagination(SearchResult result) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", result.page().limit());
        pagination.put("offset", result.page().offset());
        pagination.put("has_more", result.hasMore());
        return pagination;
    }
}
