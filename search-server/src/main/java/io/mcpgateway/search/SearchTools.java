package io.mcpgateway.search;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.orNull;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.search.SearchArguments.DISTRICTS;
import static io.mcpgateway.search.SearchArguments.LIMIT;
import static io.mcpgateway.search.SearchArguments.MEAL_TYPES;
import static io.mcpgateway.search.SearchArguments.OFFSET;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.mcpkit.ResultCaching;
import io.mcpgateway.mcpkit.ToolArguments;
import io.mcpgateway.mcpkit.ToolDefinition;
import io.mcpgateway.mcpkit.ToolSchemas;
import io.mcpgateway.restaurant.RestaurantSchemas;
import io.mcpgateway.restaurant.search.SearchResult;
import io.modelcontextprotocol.spec.McpSchema;

/** The three restaurant search tools (REFERENCE-SPEC §2.4, §2.6, §2.7 with the fixes of ARCHITECTURE.md). */
final class SearchTools {

    static final String BY_DISTRICT = "search_restaurants_by_district";
    static final String BY_MEAL_TYPE = "search_restaurants_by_meal_type";
    static final String COMBINED = "search_restaurants_combined";

    private final SearchData data;
    private final SearchArguments arguments;

    SearchTools(SearchData data, int maxPageSize) {
        this.data = data;
        this.arguments = new SearchArguments(maxPageSize);
    }

    List<ToolDefinition> definitions() {
        return List.of(byDistrict(), byMealType(), combined());
    }

    private ToolDefinition byDistrict() {
        McpSchema.Tool tool = tool(BY_DISTRICT, "Search Restaurants by District",
                "Find restaurants in one or more Hong Kong districts. Returns every restaurant of the districts, district"
                        + " by district in the order given, with paging (limit, offset, total_count).",
                closedObject(properties(DISTRICTS, arguments.districtsSchema(), LIMIT, arguments.limitSchema(),
                        OFFSET, arguments.offsetSchema()), List.of(DISTRICTS)));
        return new ToolDefinition(tool, args -> {
            List<String> districts = arguments.districts(args);
            SearchData.Snapshot snapshot = data.snapshot();
            SearchResponses responses = snapshot.responses();
            SearchResult result = snapshot.search().byDistricts(districts, arguments.page(args));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("search_criteria", responses.criteria("district", districts, result, null));
            metadata.put("district_counts", result.districtCounts());
            metadata.put("available_districts", responses.availableDistricts());
            return responses.data(result, metadata);
        }, ResultCaching.BY_ARGUMENTS);
    }

    private ToolDefinition byMealType() {
        McpSchema.Tool tool = tool(BY_MEAL_TYPE, "Search Restaurants by Meal Type",
                "Find restaurants open for breakfast, lunch or dinner anywhere in Hong Kong, judged from their opening"
                        + " hours. A restaurant matches when it serves any of the meal types given.",
                closedObject(properties(MEAL_TYPES, arguments.mealTypesSchema(), LIMIT, arguments.limitSchema(),
                        OFFSET, arguments.offsetSchema()), List.of(MEAL_TYPES)));
        return new ToolDefinition(tool, args -> {
            List<String> mealTypes = arguments.mealTypes(args);
            SearchData.Snapshot snapshot = data.snapshot();
            SearchResponses responses = snapshot.responses();
            SearchResult result = snapshot.search().byMealTypes(mealTypes, arguments.page(args));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("search_criteria", responses.criteria("meal_type", null, result, mealTypes));
            metadata.put("meal_analysis", SearchResponses.mealAnalysis(result));
            metadata.put("meal_periods", SearchResponses.mealPeriods());
            return responses.data(result, metadata);
        }, ResultCaching.BY_ARGUMENTS);
    }

    private ToolDefinition combined() {
        // Both optional and nullable, as the original published them; the tool itself says when neither is given
        // ("At least one of ..."), which an anyOf in the schema would turn into a validator's less helpful message.
        Map<String, Object> input = closedObject(properties(DISTRICTS, orNull(arguments.districtsSchema()),
                MEAL_TYPES, orNull(arguments.mealTypesSchema()), LIMIT, arguments.limitSchema(),
                OFFSET, arguments.offsetSchema()), List.of());
        McpSchema.Tool tool = tool(COMBINED, "Combined Restaurant Search",
                "Find restaurants by district and meal type together: in the districts given (all when omitted) and"
                        + " open for any of the meal types given (any when omitted). Give at least one of the two.",
                input);
        return new ToolDefinition(tool, this::combinedSearch, ResultCaching.BY_ARGUMENTS);
    }

    private Map<String, Object> combinedSearch(ToolArguments args) {
        List<String> districts = arguments.districts(args);
        List<String> mealTypes = arguments.mealTypes(args);
        SearchData.Snapshot snapshot = data.snapshot();
        SearchResponses responses = snapshot.responses();
        SearchResult result = snapshot.search().combined(districts, mealTypes, arguments.page(args));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("search_criteria", responses.criteria("combined", districts, result, mealTypes));
        if (districts != null) {
            Map<String, Object> districtInfo = new LinkedHashMap<>();
            districtInfo.put("available_districts", responses.availableDistricts());
            districtInfo.put("district_counts", result.districtCounts());
            metadata.put("district_info", districtInfo);
        }
        if (mealTypes != null) {
            metadata.put("meal_analysis", SearchResponses.mealAnalysis(result));
            metadata.put("meal_periods", SearchResponses.mealPeriods());
        }
        List<String> parts = new java.util.ArrayList<>();
        if (districts != null) {
            parts.add(districts.size() + " district(s)");
        }
        if (mealTypes != null) {
            parts.add(mealTypes.size() + " meal type(s)");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("criteria", String.join(" and ", parts));
        summary.put("results_count", result.totalCount());
        metadata.put("search_summary", summary);
        return responses.data(result, metadata);
    }

    static McpSchema.Tool tool(String name, String title, String description, Map<String, Object> input) {
        Map<String, Object> data = object(properties(
                "restaurants", array(RestaurantSchemas.restaurant(), "The restaurants of this page"),
                "count", integer(0, "Restaurants in this page"),
                "total_count", integer(0, "Restaurants matched in all"),
                "metadata", object(Map.of(), List.of())), List.of("restaurants", "count", "total_count"));
        return ToolSchemas.readOnlyTool(name, title, description, input, data);
    }
}
