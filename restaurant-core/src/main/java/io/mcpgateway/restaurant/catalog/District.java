package io.mcpgateway.restaurant.catalog;

import java.util.Objects;

/**
 * A district of the catalog: its canonical name, the key its data file is named after, and its region.
 *
 * @param name the canonical name, for example {@code "Central district"}
 * @param regionName the region's name, for example {@code "Hong Kong Island"}
 */
public record District(String name, String regionName) {

    public District {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regionName, "regionName");
        if (name.isBlank()) {
            throw new IllegalArgumentException("district name must not be blank");
        }
    }

    /** The file key of this district: lower case, spaces turned into {@code -} (REFERENCE-SPEC §1.2). */
    public String key() {
        return DataKeys.keyOf(name);
    }

    /** The file key of this district's region. */
    public String regionKey() {
        return DataKeys.keyOf(regionName);
    }

    /** The file key of any region or district name. */
    public static String keyOfName(String name) {
        return DataKeys.keyOf(name);
    }

    /** The data file of this district, relative to the data set's root. */
    public String dataFile() {
        return "restaurants/" + regionKey() + "/" + key() + ".json";
    }
}
