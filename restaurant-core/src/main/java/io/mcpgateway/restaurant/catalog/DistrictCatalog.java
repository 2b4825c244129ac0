package io.mcpgateway.restaurant.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The valid districts, grouped by region, in canonical order: regions in master-config order, districts in region
 * file order. A name listed twice keeps its first place only (the original lists "Tai Heng" twice).
 */
public final class DistrictCatalog {

    private final List<Region> regions;
    private final List<District> districts;
    private final Map<String, District> byName;

    /** Builds the catalog; callers pass regions whose district names are already unique across regions. */
    public DistrictCatalog(List<Region> regions) {
        this.regions = List.copyOf(regions);
        this.districts = this.regions.stream().flatMap(r -> r.districts().stream()).toList();
        Map<String, District> names = new LinkedHashMap<>();
        for (District d : districts) {
            if (names.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("district '" + d.name() + "' is listed twice");
            }
        }
        this.byName = Map.copyOf(names);
    }

    public List<Region> regions() {
        return regions;
    }

    /** Every district in canonical order. */
    public List<District> districts() {
        return districts;
    }

    /** Every district name in canonical order. */
    public List<String> names() {
        return districts.stream().map(District::name).toList();
    }

    /** The district with exactly this canonical name. */
    public Optional<District> byExactName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Region name to its district names, in canonical order (the {@code available_districts} detail). */
    public Map<String, List<String>> namesByRegion() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Region region : regions) {
            result.put(region.name(), region.districtNames());
        }
        return result;
    }

    public int size() {
        return districts.size();
    }
}
