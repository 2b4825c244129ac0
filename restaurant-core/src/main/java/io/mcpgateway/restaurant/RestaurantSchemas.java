package io.mcpgateway.restaurant;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.nonBlankString;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.orNull;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_ADDRESS;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_ID;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_LABEL;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_NAME;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_RANGES;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_TAGS;

import java.util.List;
import java.util.Map;

/** JSON Schemas of the restaurant wire format ({@link Restaurant}), for the tools' input and output schemas. */
public final class RestaurantSchemas {

    private RestaurantSchemas() {
    }

    /** Sentiment counts: three non-negative integers, each within a Java int, as the reasoning tools count. */
    public static Map<String, Object> sentiment() {
        return object(properties(
                "likes", integer(0, Integer.MAX_VALUE, "Diners who liked it"),
                "dislikes", integer(0, Integer.MAX_VALUE, "Diners who disliked it"),
                "neutral", integer(0, Integer.MAX_VALUE, "Diners who were neutral")),
                List.of("likes", "dislikes", "neutral"));
    }

    /**
     * A restaurant exactly as the search tools return it. Every field but id, name and sentiment may also be null:
     * the original checked optional fields only when present and not null, and recommend_restaurants answers null
     * for those a candidate lacked, so its candidates can be passed on as they are.
     */
    public static Map<String, Object> restaurant() {
        Map<String, Object> label = string(0, MAX_LABEL, null);
        return object(properties(
                "id", nonBlankString(MAX_ID, "Unique id"),
                "name", nonBlankString(MAX_NAME, "Name"),
                "address", orNull(string(0, MAX_ADDRESS, "Street address")),
                "meal_type", orNull(array(label, 0, MAX_TAGS, "Cuisine tags (the original's name for them)")),
                "sentiment", sentiment(),
                "location_category", orNull(string(0, MAX_LABEL, "Region of the district")),
                "district", orNull(string(0, MAX_LABEL, "District")),
                "price_range", orNull(string(0, MAX_LABEL, "Price band, for example \"$101-200\"")),
                "operating_hours", orNull(object(properties(
                        "mon_fri", orNull(array(label, 0, MAX_RANGES,
                                "Opening ranges Monday to Friday, \"HH:MM - HH:MM\"")),
                        "sat_sun", orNull(array(label, 0, MAX_RANGES, "Opening ranges at weekends")),
                        "public_holiday", orNull(array(label, 0, MAX_RANGES, "Opening ranges on public holidays"))),
                        List.of())),
                "metadata", orNull(object(properties(
                        "data_quality", orNull(string(0, MAX_LABEL, "Completeness of the record")),
                        "version", orNull(string(0, MAX_LABEL, "Record format version")),
                        "quality_score", orNull(integer(0, "Quality score"))), List.of()))),
                List.of("id", "name", "sentiment"));
    }
}
