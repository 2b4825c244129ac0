package io.mcpgateway.restaurant.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.text.EditDistance;
import io.mcpgateway.text.LooseNames;

/**
 * An object of a district file whose keys the data format fixes (REFERENCE-SPEC §1.2), with the known key a
 * misspelt one most likely means. Every key is optional; the original ignores any other.
 */
enum FormatObject {

    FILE("", "metadata", "restaurants"),
    FILE_METADATA("metadata.", "timestamp", "version", "district", "locationCategory", "recordCount", "fileSize",
            "sanitizedAt", "sanitizationVersion"),
    RECORD("", "id", "name", "address", "mealType", "sentiment", "locationCategory", "district", "priceRange",
            "operatingHours", "metadata"),
    SENTIMENT("sentiment.", "likes", "dislikes", "neutral"),
    // the day groups are fixed too: the reader reads these three and no other
    OPERATING_HOURS("operatingHours.", "Mon - Fri", "Sat - Sun", "Public Holiday"),
    RECORD_METADATA("metadata.", "dataQuality", "version", "qualityScore");

    private final String prefix;
    private final Set<String> keys;
    /** The keys by their {@link #loose} form: {@code operating_hours} and {@code mon_fri} mean known keys. */
    private final Map<String, String> byLooseForm = new LinkedHashMap<>();

    FormatObject(String prefix, String... keys) {
        this.prefix = prefix;
        this.keys = Set.of(keys);
        for (String key : keys) {
            byLooseForm.put(loose(key), key);
        }
    }

    boolean knows(String key) {
        return keys.contains(key);
    }

    /** The object a member of this one holds, when the format fixes its keys too; null otherwise. */
    FormatObject member(String key) {
        return switch (this) {
            case FILE -> key.equals("metadata") ? FILE_METADATA : null;
            case RECORD -> switch (key) {
                case "sentiment" -> SENTIMENT;
                case "operatingHours" -> OPERATING_HOURS;
                case "metadata" -> RECORD_METADATA;
                default -> null;
            };
            default -> null;
        };
    }

    /** Whether the reader reads what this object holds: all but the file's metadata, which nothing serves. */
    boolean isRead() {
        return this != FILE_METADATA;
    }

    /** True for the objects of each record, false for the file's own. */
    boolean isInRecords() {
        return this != FILE && this != FILE_METADATA;
    }

    /** Where {@code key} is in the file, for messages: {@code sentiment.likes}. */
    String path(String key) {
        return prefix + key;
    }

    /**
     * The known key {@code key} most likely means: the same but for case and separators, else one a typo away (up to
     * a third of its letters, at most 3: a short key is near too many others).
     */
    Optional<String> suggestion(String key) {
        String loose = loose(key);
        return EditDistance.closest(loose, byLooseForm.keySet(), Math.clamp(loose.length() / 3, 1, 3))
                .map(byLooseForm::get);
    }

    private static String loose(String key) {
        return LooseNames.compact(key);
    }
}
