package io.mcpgateway.restaurant.catalog;

import java.util.List;
import java.util.Objects;

/** A region of the catalog with its districts in file order. */
public record Region(String name, List<District> districts) {

    public Region {
        Objects.requireNonNull(name, "name");
        districts = List.copyOf(districts);
    }

    /** The file key of this region, for example {@code hong-kong-island}. */
    public String key() {
        return DataKeys.keyOf(name);
    }

    public List<String> districtNames() {
        return districts.stream().map(District::name).toList();
    }
}
