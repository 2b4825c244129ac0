package io.mcpgateway.restaurant.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.catalog.DistrictCatalog;

/**
 * A loaded data set: the catalog, each district's restaurants in file order, and the problems met while loading.
 *
 * @param source where it was loaded from
 * @param catalog the valid districts
 * @param restaurantsByDistrict restaurants of each district that has a data file, in catalog order
 * @param problems files or records that were skipped, with the reason
 * @param loadedAt when loading finished
 */
public record DataSet(String source, DistrictCatalog catalog, Map<District, List<Restaurant>> restaurantsByDistrict,
        List<LoadProblem> problems, Instant loadedAt) {

    public DataSet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(catalog, "catalog");
        restaurantsByDistrict = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(restaurantsByDistrict));
        problems = List.copyOf(problems);
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    /** The restaurants of one district; empty when it has no data file. */
    public List<Restaurant> restaurantsOf(District district) {
        return restaurantsByDistrict.getOrDefault(district, List.of());
    }

    public int restaurantCount() {
        return restaurantsByDistrict.values().stream().mapToInt(List::size).sum();
    }

    /** Number of districts that have a data file. */
    public int districtFileCount() {
        return restaurantsByDistrict.size();
    }
}
