package io.mcpgateway.restaurant.catalog;

import java.util.List;
import java.util.Map;

/**
 * The outcome of resolving caller-supplied district names.
 *
 * @param resolved the districts found, in first-mention order, each once
 * @param invalid the names that match no district, as the caller wrote them
 * @param suggestions for each invalid name that is close to a real one, that name
 * @param regions for each invalid name that names a region rather than a district, that region's name
 */
public record DistrictResolution(List<District> resolved, List<String> invalid, Map<String, String> suggestions,
        Map<String, String> regions) {

    public DistrictResolution {
        resolved = List.copyOf(resolved);
        invalid = List.copyOf(invalid);
        suggestions = Map.copyOf(suggestions);
        regions = Map.copyOf(regions);
    }

    public boolean isValid() {
        return invalid.isEmpty();
    }
}
