package io.mcpgateway.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mcpgateway.gateway.ReloadingGateway;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway}: the gateway as its own process, configured by a YAML file and the environment. */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the gateway (REST API, /health, /metrics, /tools/metadata) until stopped.",
                "Settings come from --config (YAML) and the environment: OIDC_ISSUER_URL and OIDC_CLIENT_IDS, or"
                        + " COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID; MCP_SEARCH_SERVER_URL,"
                        + " MCP_REASONING_SERVER_URL; GATEWAY_HOST, GATEWAY_PORT. See the README for every setting."})
final class GatewayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "YAML configuration file (optional).")
    Path config;

    @Option(names = "--host", converter = AddressConverter.class,
            description = "Address to listen on, 0.0.0.0 for every interface (in a container); overrides the file and"
                    + " GATEWAY_HOST (default 127.0.0.1).")
    String host;

    @Option(names = "--port", converter = PortConverter.class,
            description = "Port to listen on; overrides the file and GATEWAY_PORT.")
    Integer port;

    @Override
    public Integer call() {
        ReloadingGateway gateway;
        try {
            gateway = ReloadingGateway.start(source(config, host, port), Json.newMapper(), Clock.systemUTC());
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
        if (!LogFormat.isJson()) {
            spec.commandLine().getOut().printf("Gateway: http://%s:%d (health: /health, docs: /docs)%n",
                    gateway.config().server().host(), gateway.port());
            spec.commandLine().getOut().flush();
        }
        return RunningServers.awaitShutdown(List.of(gateway));
    }

    /** The file and the process environment, with the command line's overrides applied; read again on a reload. */
    static ConfigSource source(Path file, String host, Integer port) {
        // an option wins over its variable, whatever the variable holds: a bad GATEWAY_PORT beside --port is unread
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (host != null) {
            environment.remove("GATEWAY_HOST");
        }
        if (port != null) {
            environment.remove("GATEWAY_PORT");
        }
        return ConfigSource.of(new ConfigLoader(environment), file, loaded -> {
            var server = loaded.server();
            server = host == null ? server : server.withHost(host.strip());
            server = port == null ? server : server.withPort(port);
            return loaded.withServer(server);
        });
    }
}
