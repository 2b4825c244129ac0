package io.mcpgateway.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reasoning-server}: the restaurant reasoning MCP server as its own process. */
@Command(name = "reasoning-server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the restaurant reasoning MCP server (POST /mcp, GET /health) until stopped.")
final class ReasoningServerCommand implements Callable<Integer> {

    @Mixin
    ServerConfigFile configFile;

    @Option(names = "--port", converter = PortConverter.class,
            defaultValue = "${env:REASONING_SERVER_PORT:-8082}",
            description = "Port to listen on (env REASONING_SERVER_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        configFile.apply("reasoning_server");
        McpServerHost host = ReasoningServer.start(server.toConfig(port), Json.newMapper(), Clock.systemUTC());
        if (!LogFormat.isJson()) {
            System.out.printf("Restaurant reasoning MCP server: http://%s:%d/mcp (health: /health)%n",
                    server.bindHost, host.port());
        }
        return RunningServers.awaitShutdown(List.of(host));
    }
}
