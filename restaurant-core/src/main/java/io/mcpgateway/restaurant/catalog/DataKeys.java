package io.mcpgateway.restaurant.catalog;

import java.util.Locale;

/** The original's rule for turning a region or district name into a file key. */
final class DataKeys {

    private DataKeys() {
    }

    /** Lower case, each space turned into {@code -}, nothing else changed ({@code "Mid-Levels"} → {@code mid-levels}). */
    static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
