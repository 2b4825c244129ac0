package io.mcpgateway.restaurant.data;

import static io.mcpgateway.restaurant.RestaurantLimits.MAX_ADDRESS;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_ID;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_LABEL;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_NAME;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_RANGES;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_TAGS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.json.ParseProblems;
import io.mcpgateway.restaurant.OperatingHours;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.RestaurantLimits;
import io.mcpgateway.restaurant.RestaurantMetadata;
import io.mcpgateway.restaurant.Sentiment;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.meal.MealPeriodClassifier;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.Plural;
import io.mcpgateway.text.Spaces;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one district file ({@code {"metadata": {...}, "restaurants": [...]}}, camelCase records, REFERENCE-SPEC §1.2).
 *
 * <p>A record with a missing id or name or a wrong field type is skipped and reported; the rest of the file still
 * loads. A nameless record is skipped because the reasoning tools refuse a blank name, and a search result must be
 * theirs to take as it is (ARCHITECTURE.md). Keys the format does not know are ignored, as the original ignores
 * them, and reported ({@link UnknownKeys}).
 * The record's own {@code district} and {@code locationCategory} are replaced by the catalog's, because the original
 * data gets them wrong (REFERENCE-SPEC §7.12).
 */
final class RestaurantFileReader {

    /** Skipped records reported one by one per file; beyond that they are counted, to keep reports readable. */
    static final int MAX_RECORD_PROBLEMS_PER_FILE = 10;
    /** How Jackson's message for a duplicate member begins. */
    private static final String DUPLICATE = "Duplicate Object property";

    private final JsonMapper mapper;
    private final ObjectReader strict;

    RestaurantFileReader(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.strict = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The file's restaurants, or {@code null} when the file as a whole is unusable (reported in problems). */
    List<Restaurant> read(byte[] bytes, District district, List<LoadProblem> problems) {
        String path = district.dataFile();
        JsonNode root;
        try {
            root = tree(bytes, path, problems);
        } catch (JacksonException e) {
            problems.add(new LoadProblem(path, InvalidJson.reason(e)));
            return null;
        }
        UnknownKeys unknownKeys = new UnknownKeys();
        unknownKeys.check(root, FormatObject.FILE);
        JsonNode records = root.path("restaurants");
        if (!root.isObject() || !records.isArray()) {
            problems.add(new LoadProblem(path, "expected an object with a 'restaurants' list"));
            unknownKeys.report(path, problems); // a 'restaurant' key says why
            return null;
        }
        List<Restaurant> restaurants = new ArrayList<>(records.size());
        int skipped = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            unknownKeys.check(record, FormatObject.RECORD);
            try {
                restaurants.add(toRestaurant(record, district));
            } catch (IllegalArgumentException e) {
                if (++skipped <= MAX_RECORD_PROBLEMS_PER_FILE) {
                    problems.add(new LoadProblem(path, "restaurants[" + i + "] skipped: " + e.getMessage()));
                }
            }
        }
        if (skipped > MAX_RECORD_PROBLEMS_PER_FILE) {
            problems.add(new LoadProblem(path, (skipped - MAX_RECORD_PROBLEMS_PER_FILE) + " more records skipped"));
        }
        unknownKeys.report(path, problems);
        reportMiscount(root.path("metadata").path("recordCount"), records.size(), path, problems);
        reportUnreadableHours(restaurants, path, problems);
        return restaurants;
    }

    /**
     * A warning when the file's {@code metadata.recordCount} differs from the records it holds (the real data set's
     * Causeway Bay file says 86 and holds 59, REFERENCE-SPEC §7.12): a file cut short, or metadata gone stale. The
     * records are served as they are; a count that is absent or no whole number says nothing.
     */
    private static void reportMiscount(JsonNode recordCount, int records, String path, List<LoadProblem> problems) {
        if (recordCount.isIntegralNumber() && recordCount.canConvertToLong() && recordCount.longValue() != records) {
            problems.add(LoadProblem.warning(path, "metadata.recordCount is " + recordCount.longValue()
                    + " but the file holds " + Plural.of(records, "record") + "; those are served"));
        }
    }

    /**
     * One warning for the records whose opening hours look like hours but cannot be read ({@code "7am - 10am"}):
     * loaded and shown as they are, they count for no meal period, so meal searches leave them out without a word.
     */
    private static void reportUnreadableHours(List<Restaurant> restaurants, String path, List<LoadProblem> problems) {
        // a file repeats a few hours strings (the real data set has three): each is read once here, not per record,
        // so a data set of a million restaurants starts about as fast as before
        Map<String, Boolean> unreadable = new HashMap<>();
        List<String> examples = restaurants.stream()
                .flatMap(r -> r.operatingHours().allRanges()
                        .filter(hours -> unreadable.computeIfAbsent(hours, MealPeriodClassifier::isUnreadable))
                        .findFirst().stream())
                .toList();
        if (!examples.isEmpty()) {
            problems.add(LoadProblem.warning(path, Plural.of(examples.size(), "record") + " with opening hours that"
                    + " cannot be read (such as '" + Echoed.oneLine(examples.getFirst(), 60) + "'): they count for"
                    + " no meal period; write each range as HH:MM - HH:MM"));
        }
    }

    /**
     * The file's tree. A member named twice in one object is reported, and the file read with the last of them, as
     * JSON readers commonly do: silently, a second {@code "restaurants": []} emptied a district and a second
     * {@code "sentiment"} changed a restaurant's likes.
     */
    private JsonNode tree(byte[] bytes, String path, List<LoadProblem> problems) {
        try {
            return strict.readTree(bytes);
        } catch (StreamReadException e) {
            if (!ParseProblems.firstWords(e).startsWith(DUPLICATE)) {
                throw e;
            }
            JsonNode root = mapper.readTree(bytes);
            problems.add(new LoadProblem(path, "a member named twice in one object" + ParseProblems.location(e) + " ("
                    + ParseProblems.firstWords(e) + "): the last one was read; there may be more"));
            return root;
        }
    }

    private static Restaurant toRestaurant(JsonNode record, District district) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String id = text(record, "id", MAX_ID);
        if (id == null || Spaces.isBlank(id)) {
            throw new IllegalArgumentException("id is missing or blank");
        }
        String name = text(record, "name", MAX_NAME);
        if (name == null || Spaces.isBlank(name)) {
            throw new IllegalArgumentException("name is missing or blank");
        }
        return new Restaurant(id.strip(), name, text(record, "address", MAX_ADDRESS),
                textList(record.get("mealType"), "mealType", MAX_TAGS), sentiment(record.get("sentiment")),
                district.regionName(), district.name(), text(record, "priceRange", MAX_LABEL),
                hours(record.get("operatingHours")), metadata(record.get("metadata")));
    }

    private static Sentiment sentiment(JsonNode node) {
        if (isAbsent(node)) {
            return Sentiment.NONE;
        }
        requireObject(node, "sentiment");
        return new Sentiment(count(node, "likes", "sentiment."), count(node, "dislikes", "sentiment."),
                count(node, "neutral", "sentiment."));
    }

    /** A non-negative whole number, 0 when absent; {@code prefix} names the object it is in, for the message. */
    private static int count(JsonNode parent, String field, String prefix) {
        JsonNode value = parent.get(field);
        if (isAbsent(value)) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new IllegalArgumentException(prefix + field + " must be a non-negative integer but was " + value);
        }
        return value.intValue();
    }

    private static OperatingHours hours(JsonNode node) {
        if (isAbsent(node)) {
            return OperatingHours.UNKNOWN;
        }
        requireObject(node, "operatingHours");
        return new OperatingHours(
                textList(node.get("Mon - Fri"), "operatingHours.Mon - Fri", MAX_RANGES),
                textList(node.get("Sat - Sun"), "operatingHours.Sat - Sun", MAX_RANGES),
                textList(node.get("Public Holiday"), "operatingHours.Public Holiday", MAX_RANGES));
    }

    private static RestaurantMetadata metadata(JsonNode node) {
        if (isAbsent(node)) {
            return RestaurantMetadata.UNKNOWN;
        }
        requireObject(node, "metadata");
        // at least 0, as the tools' output schema says: a client checking results would refuse the whole page
        return new RestaurantMetadata(text(node, "dataQuality", MAX_LABEL), text(node, "version", MAX_LABEL),
                count(node, "qualityScore", "metadata."));
    }

    private static String text(JsonNode parent, String field, int maxLength) {
        JsonNode value = parent.get(field);
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return within(field, value.stringValue(), maxLength);
    }

    private static String within(String field, String value, int maxLength) {
        String tooLong = RestaurantLimits.tooLong(field, value, maxLength);
        if (tooLong != null) {
            throw new IllegalArgumentException(tooLong);
        }
        return value;
    }

    /** A list of at most {@code maxItems} labels ({@link RestaurantLimits#MAX_LABEL}). */
    private static List<String> textList(JsonNode node, String field, int maxItems) {
        if (isAbsent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of strings");
        }
        String tooMany = RestaurantLimits.tooMany(field, node.size(), maxItems);
        if (tooMany != null) {
            throw new IllegalArgumentException(tooMany);
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw new IllegalArgumentException(field + " must be a list of strings");
            }
            values.add(within(field + "[]", item.stringValue(), MAX_LABEL));
        }
        return values;
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object");
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
