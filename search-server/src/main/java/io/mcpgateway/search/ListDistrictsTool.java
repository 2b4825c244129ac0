package io.mcpgateway.search;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.bool;
import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.mcpkit.ToolDefinition;
import io.mcpgateway.mcpkit.ToolSchemas;
import io.mcpgateway.restaurant.catalog.Region;
import io.mcpgateway.restaurant.search.RestaurantIndex;
import io.modelcontextprotocol.spec.McpSchema;

/** {@code list_districts}: the valid district names by region, with how many restaurants each has. */
final class ListDistrictsTool {

    static final String NAME = "list_districts";

    private final SearchData data;

    ListDistrictsTool(SearchData data) {
        this.data = data;
    }

    ToolDefinition definition() {
        Map<String, Object> district = object(properties(
                "name", string("Name to pass to the search tools"),
                "restaurant_count", integer(0, "Restaurants in the data set"),
                "incomplete", bool("Present, true, when the district's data file could not be read whole: its"
                        + " restaurant_count is then not all there is")), List.of("name", "restaurant_count"));
        Map<String, Object> region = object(properties(
                "name", string("Region"),
                "districts", array(district, "Its districts")), List.of("name", "districts"));
        Map<String, Object> data = object(properties(
                "regions", array(region, "Regions in catalog order"),
                "total_districts", integer(0, "Valid district names"),
                "districts_with_data", integer(0, "Districts that have restaurants"),
                "total_restaurants", integer(0, "Restaurants in the data set")), List.of("regions"));
        McpSchema.Tool tool = ToolSchemas.readOnlyTool(NAME, "List Districts", "List the Hong Kong district names the"
                + " search tools accept, grouped by region, with the number of restaurants in each.",
                closedObject(Map.of(), List.of()), data);
        return new ToolDefinition(tool, args -> list());
    }

    private Map<String, Object> list() {
        SearchData.Snapshot snapshot = data.snapshot();
        RestaurantIndex index = snapshot.index();
        var regions = new java.util.ArrayList<Map<String, Object>>();
        int withData = 0;
        for (Region region : index.dataSet().catalog().regions()) {
            var districts = new java.util.ArrayList<Map<String, Object>>();
            for (var d : region.districts()) {
                int count = index.countIn(d);
                withData += count > 0 ? 1 : 0;
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", d.name());
                entry.put("restaurant_count", count);
                if (snapshot.responses().isIncomplete(d)) { // not the 0 of a district without a data file
                    entry.put("incomplete", true);
                }
                districts.add(entry);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", region.name());
            entry.put("districts", districts);
            regions.add(entry);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("regions", regions);
        data.put("total_districts", index.dataSet().catalog().size());
        data.put("districts_with_data", withData);
        data.put("total_restaurants", index.size());
        return data;
    }
}
