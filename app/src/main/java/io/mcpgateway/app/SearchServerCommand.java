package io.mcpgateway.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.search.SearchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code search-server}: the restaurant search MCP server as its own process. */
@Command(name = "search-server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the restaurant search MCP server (POST /mcp, GET /health) until stopped.")
final class SearchServerCommand implements Callable<Integer> {

    @Mixin
    ServerConfigFile configFile;

    @Option(names = "--port", converter = PortConverter.class,
            defaultValue = "${env:SEARCH_SERVER_PORT:-8081}",
            description = "Port to listen on (env SEARCH_SERVER_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ServerOptions server;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        configFile.apply("search_server");
        JsonMapper mapper = Json.newMapper();
        Clock clock = Clock.systemUTC();
        McpServerConfig config = server.toConfig(port); // checked before the data set, which may take long to load
        DataOptions.Served served = data.open(mapper, clock);
        DataSet dataSet = served.data().dataSet();
        McpServerHost host = SearchServer.start(config, served.data(), data.maxPageSize, mapper, clock);
        if (!LogFormat.isJson()) {
            System.out.printf("Restaurant search MCP server: http://%s:%d/mcp (health: /health), %d restaurants from"
                    + " %s%n", server.bindHost, host.port(), dataSet.restaurantCount(), dataSet.source());
        }
        return RunningServers.awaitShutdown(List.of(served.reloading(), host));
    }
}
