package io.mcpgateway.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.mcpkit.ServerIdentity;
import io.mcpgateway.mcpkit.ToolDefinition;
import io.mcpgateway.mcpkit.ToolInputException;
import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.data.DataSet;
import tools.jackson.databind.json.JsonMapper;

/** Wires the restaurant search MCP server: index the data set, declare the tools, host them. */
public final class SearchServer {

    public static final String NAME = "restaurant-search-mcp";
    public static final String VERSION = "1.0.0";

    private SearchServer() {
    }

    /** Indexes {@code dataSet} and starts serving it. */
    public static McpServerHost start(McpServerConfig config, DataSet dataSet, int maxPageSize, JsonMapper mapper,
            Clock clock) {
        return start(config, new SearchData(dataSet), maxPageSize, mapper, clock);
    }

    /** Starts serving {@code data}, whose data set may be replaced while it runs. */
    public static McpServerHost start(McpServerConfig config, SearchData data, int maxPageSize, JsonMapper mapper,
            Clock clock) {
        List<ToolDefinition> tools = new ArrayList<>(new SearchTools(data, maxPageSize).definitions());
        tools.add(new ListDistrictsTool(data).definition());
        ServerIdentity identity = new ServerIdentity(NAME, VERSION, "Searches Hong Kong restaurants by district and"
                + " by meal period. Call list_districts for valid district names. Results are paged: pass limit and"
                + " offset, and read total_count.");
        McpServerHost host = McpServerHost.start(config, identity, tools, SearchServer::translate,
                () -> DataSetHealth.of(data.dataSet(), data.reloadDetails()), mapper, clock);
        data.onReplaced(host::forgetCachedResults);
        return host;
    }

    private static Optional<ToolInputException> translate(RuntimeException e) {
        return e instanceof InvalidInputException input
                ? Optional.of(new ToolInputException(input.type(), input.getMessage(), input.details()))
                : Optional.empty();
    }
}
