package io.mcpgateway.search;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.orNull;
import static io.mcpgateway.json.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import io.mcpgateway.mcpkit.ToolArguments;
import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.search.PageRequest;

/** The arguments the search tools share: how they are declared in schemas and how they are read. */
final class SearchArguments {

    static final String DISTRICTS = "districts";
    static final String MEAL_TYPES = "meal_types";
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";

    /** As the original REST API allowed (REFERENCE-SPEC §4.3). */
    static final int MAX_DISTRICTS = 20;
    static final int MAX_MEAL_TYPES = 3;
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_OFFSET = 100_000_000;

    private final int maxPageSize;

    SearchArguments(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    Map<String, Object> districtsSchema() {
        Map<String, Object> schema = array(string(1, MAX_NAME_LENGTH, null), 1, MAX_DISTRICTS,
                "District names, for example \"Central district\" or \"Tsim Sha Tsui\". Case, spacing and the"
                        + " 'district' suffix do not matter; list_districts gives every valid name.");
        schema.put("examples", List.of(List.of("Central district", "Admiralty")));
        return schema;
    }

    /**
     * Meal types are read in any case and trimmed (REFERENCE-SPEC §2), so the schema lists the names in its
     * description rather than as an enum, which would refuse "Lunch" at any client or gateway that checks it; a wrong
     * name gets the tool's own error, which lists the valid ones.
     */
    Map<String, Object> mealTypesSchema() {
        Map<String, Object> schema = array(string(1, MAX_NAME_LENGTH, null), 1, MAX_MEAL_TYPES,
                "Meal periods: " + String.join(", ", MealType.NAMES) + " (any case); a restaurant matches when it is"
                        + " open during any of them. breakfast 07:00-11:29, lunch 11:30-17:29, dinner 17:30-22:30.");
        schema.put("examples", List.of(List.of("breakfast")));
        return schema;
    }

    /** May be null, which means the default, as for the tool itself. */
    Map<String, Object> limitSchema() {
        return orNull(integer(1, maxPageSize, "Most restaurants to return (default and maximum " + maxPageSize + ")"));
    }

    /** May be null, which means the default, as for the tool itself. */
    Map<String, Object> offsetSchema() {
        return orNull(integer(0, MAX_OFFSET, "Matching restaurants to skip before this page (default 0)"));
    }

    List<String> districts(ToolArguments arguments) {
        return arguments.optionalStringList(DISTRICTS, MAX_DISTRICTS, MAX_NAME_LENGTH);
    }

    List<String> mealTypes(ToolArguments arguments) {
        return arguments.optionalStringList(MEAL_TYPES, MAX_MEAL_TYPES, MAX_NAME_LENGTH);
    }

    PageRequest page(ToolArguments arguments) {
        Long limit = arguments.optionalInteger(LIMIT, 1, maxPageSize);
        Long offset = arguments.optionalInteger(OFFSET, 0, MAX_OFFSET);
        return PageRequest.of(limit == null ? null : limit.intValue(), offset == null ? null : offset.intValue(),
                maxPageSize);
    }
}
