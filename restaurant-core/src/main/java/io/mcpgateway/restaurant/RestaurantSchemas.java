package io.mcpgateway.restaurant;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;

import java.util.List;
import java.util.Map;

/** JSON Schemas of the restaurant wire format ({@link Restaurant}), for the tools' input and output schemas. */
public final class RestaurantSchemas {

    private RestaurantSchemas() {
    }

    /** Sentiment counts: three non-negative integers. */
    public static Map<String, Object> sentiment() {
        return object(properties(
                "likes", integer(0, "Diners who liked it"),
                "dislikes", integer(0, "Diners who disliked it"),
                "neutral", integer(0, "Diners who were neutral")), List.of("likes", "dislikes", "neutral"));
    }

    /** A restaurant exactly as the search tools return it. */
    public static Map<String, Object> restaurant() {
        Map<String, Object> strings = Map.of("type", "string");
        return object(properties(
                "id", string("Unique id"),
                "name", string("Name"),
                "address", string("Street address"),
                "meal_type", array(strings, "Cuisine tags (the original's name for them)"),
                "sentiment", sentiment(),
                "location_category", string("Region of the district"),
                "district", string("District"),
                "price_range", string("Price band, for example \"$101-200\""),
                "operating_hours", object(properties(
                        "mon_fri", array(strings, "Opening ranges Monday to Friday, \"HH:MM - HH:MM\""),
                        "sat_sun", array(strings, "Opening ranges at weekends"),
                        "public_holiday", array(strings, "Opening ranges on public holidays")), List.of()),
                "metadata", object(properties(
                        "data_quality", string("Completeness of the record"),
                        "version", string("Record format version"),
                        "quality_score", integer(0, "Quality score")), List.of())),
                List.of("id", "name", "sentiment"));
    }
}
