package io.mcpgateway.restaurant.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.catalog.DistrictNameResolver;
import io.mcpgateway.restaurant.catalog.DistrictResolution;
import io.mcpgateway.text.QuotedList;
import io.mcpgateway.text.Spaces;

/**
 * The three restaurant searches of the original (REFERENCE-SPEC §2.4, §2.6, §2.7), fixed per ARCHITECTURE.md:
 * forgiving district names with suggestions, one error type for bad input whatever the search, and pagination.
 *
 * <p>Callers pass lists already checked for type and size (the tools' input schemas); this class checks meaning.
 */
public final class RestaurantSearch {

    private final RestaurantIndex index;
    private final DistrictNameResolver resolver;

    public RestaurantSearch(RestaurantIndex index) {
        this.index = Objects.requireNonNull(index, "index");
        this.resolver = new DistrictNameResolver(index.dataSet().catalog());
    }

    public RestaurantIndex index() {
        return index;
    }

    /** All restaurants of the named districts, district by district in the order first named. */
    public SearchResult byDistricts(List<String> districtNames, PageRequest page) {
        if (districtNames == null || districtNames.isEmpty()) {
            throw InvalidInputException.validation("Districts parameter is required and cannot be empty");
        }
        List<District> districts = resolve(districtNames);
        return run(districts, List.of(), index.inDistricts(districts, 0), page);
    }

    /** All restaurants serving any of the meal periods, in canonical district order. */
    public SearchResult byMealTypes(List<String> mealTypeNames, PageRequest page) {
        if (mealTypeNames == null || mealTypeNames.isEmpty()) {
            throw InvalidInputException.validation("Meal types parameter is required and cannot be empty");
        }
        List<MealType> meals = parseMeals(mealTypeNames);
        return run(List.of(), meals, index.everywhere(maskOf(meals)), page);
    }

    /**
     * Restaurants in the named districts (all districts when {@code districtNames} is null) serving any of the meal
     * periods (any meal when {@code mealTypeNames} is null). At least one of the two must be given.
     */
    public SearchResult combined(List<String> districtNames, List<String> mealTypeNames, PageRequest page) {
        if ((districtNames == null || districtNames.isEmpty()) && (mealTypeNames == null || mealTypeNames.isEmpty())) {
            throw InvalidInputException.validation(
                    "At least one of 'districts' or 'meal_types' parameters must be provided");
        }
        if (districtNames != null && districtNames.isEmpty()) {
            throw InvalidInputException.validation("Districts list cannot be empty when provided");
        }
        if (mealTypeNames != null && mealTypeNames.isEmpty()) {
            throw InvalidInputException.validation("Meal types list cannot be empty when provided");
        }
        // meal types first, as the original checks them: a call wrong in both names its meal types before its districts
        List<MealType> meals = mealTypeNames == null ? List.of() : parseMeals(mealTypeNames);
        List<District> districts = districtNames == null ? List.of() : resolve(districtNames);
        int mealSet = maskOf(meals);
        Matches matches = districtNames == null ? index.everywhere(mealSet) : index.inDistricts(districts, mealSet);
        return run(districts, meals, matches, page);
    }

    private SearchResult run(List<District> districts, List<MealType> meals, Matches matches, PageRequest page) {
        int[] ordinals = matches.page(page);
        List<Restaurant> restaurants = new ArrayList<>(ordinals.length);
        int[] masks = new int[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            restaurants.add(index.restaurant(ordinals[i]));
            masks[i] = index.mealMask(ordinals[i]);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        districts.forEach(d -> counts.put(d.name(), index.countIn(d)));
        return new SearchResult(restaurants, masks, matches.total(), districts, meals, counts, page);
    }

    private List<District> resolve(List<String> names) {
        DistrictResolution resolution = resolver.resolveAll(names);
        if (!resolution.isValid()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("invalid_districts", resolution.invalid());
            details.put("suggestions", resolution.suggestions());
            if (!resolution.regions().isEmpty()) {
                details.put("regions", resolution.regions());
            }
            details.put("available_districts", index.dataSet().catalog().namesByRegion());
            details.put("requested_districts", names);
            throw InvalidInputException.validation(invalidDistrictsMessage(resolution), details);
        }
        return resolution.resolved();
    }

    /**
     * Nothing to see: empty, or spaces of any kind (a no-break space, a zero-width one) alone. A name of symbols
     * ({@code "---"}, an emoji) is a name that matches no district, reported as such.
     */
    private static boolean isBlank(String name) {
        return name == null || name.codePoints().allMatch(c -> Spaces.isSpace(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /**
     * The original's message (every invalid name as given, then every valid one, as Python prints lists), then what
     * may help: a suggestion per name, the districts of a region given as a district, blank names.
     */
    private String invalidDistrictsMessage(DistrictResolution resolution) {
        StringBuilder hints = new StringBuilder();
        resolution.suggestions().forEach((given, suggested) ->
                hints.append(" Did you mean '").append(suggested).append("' for '").append(given).append("'?"));
        resolution.regions().forEach((given, region) -> hints.append(" '").append(given)
                .append("' is a region, not a district: available_districts lists its districts under '")
                .append(region).append("'."));
        if (!resolution.regions().isEmpty()) { // "Hong Kong" is most often the whole territory
            hints.append(" To search every district, search by meal type, or combined without districts.");
        }
        if (resolution.invalid().stream().anyMatch(RestaurantSearch::isBlank)) {
            hints.append(" District names must not be blank.");
        }
        String message = "Invalid districts: " + QuotedList.of(resolution.invalid()) + ". Available districts: "
                + QuotedList.of(index.dataSet().catalog().names());
        return hints.isEmpty() ? message : message + "." + hints;
    }

    private static List<MealType> parseMeals(List<String> names) {
        Set<MealType> meals = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        Map<String, String> suggestions = new LinkedHashMap<>();
        for (String name : names) {
            MealType.parse(name).ifPresentOrElse(meals::add, () -> {
                invalid.add(name);
                MealType.closest(name).ifPresent(meal -> suggestions.putIfAbsent(name, meal.wireName()));
            });
        }
        if (!invalid.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("invalid_meal_types", invalid);
            details.put("suggestions", suggestions);
            details.put("valid_meal_types", MealType.NAMES);
            details.put("requested_meal_types", names);
            StringBuilder message = new StringBuilder("Invalid meal types: ").append(QuotedList.of(invalid))
                    .append(". Valid meal types are: ").append(QuotedList.of(MealType.NAMES))
                    .append(suggestions.isEmpty() ? "" : ".");
            suggestions.forEach((given, meal) -> message.append(" Did you mean '").append(meal).append("' for '")
                    .append(given).append("'?"));
            throw InvalidInputException.validation(message.toString(), details);
        }
        return List.copyOf(meals);
    }

    private static int maskOf(List<MealType> meals) {
        int mask = 0;
        for (MealType meal : meals) {
            mask |= meal.bit();
        }
        return mask;
    }
}
