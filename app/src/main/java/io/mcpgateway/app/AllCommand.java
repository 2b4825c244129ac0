package io.mcpgateway.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.gateway.ReloadingGateway;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.search.SearchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code all}: the whole system in one JVM on 127.0.0.1, for trying it out and for development. */
@Command(name = "all", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start a development OIDC issuer, both MCP servers and the gateway in one JVM on 127.0.0.1,"
                + " print the URLs and a ready-to-paste curl line, and run until Ctrl-C.")
final class AllCommand implements Callable<Integer> {

    private static final String RATE_LIMIT_PER_MINUTE = "RATE_LIMIT_PER_MINUTE";
    private static final String RATE_LIMIT_BURST = "RATE_LIMIT_BURST";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", converter = PortConverter.class,
            defaultValue = "${env:GATEWAY_PORT:-8080}",
            description = "Gateway port (env GATEWAY_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--search-port", converter = PortConverter.class,
            defaultValue = "${env:SEARCH_SERVER_PORT:-8081}",
            description = "Search server port (env SEARCH_SERVER_PORT; default ${DEFAULT-VALUE}).")
    int searchPort;

    @Option(names = "--reasoning-port", converter = PortConverter.class,
            defaultValue = "${env:REASONING_SERVER_PORT:-8082}",
            description = "Reasoning server port (env REASONING_SERVER_PORT; default ${DEFAULT-VALUE}).")
    int reasoningPort;

    @Option(names = "--idp-port", converter = PortConverter.class,
            defaultValue = "${env:DEV_IDP_PORT:-9000}",
            description = "Development OIDC issuer port (env DEV_IDP_PORT; default ${DEFAULT-VALUE}).")
    int idpPort;

    @Mixin
    ServerOptions server;

    /**
     * Says in {@code all}'s help that the options shared with the MCP server commands set the two MCP servers only,
     * and what sets the gateway's own: someone who wants the gateway reachable from elsewhere would otherwise expose
     * the servers, which take no token, and leave the gateway on 127.0.0.1; one who names the gateway's public host
     * would find its {@code /mcp} still refusing it.
     */
    static void describeServerOptions(CommandSpec all) {
        redescribe(all, "--host", "Address the two MCP servers listen on, which take no token (env MCP_BIND_HOST;"
                + " default ${DEFAULT-VALUE}); the gateway listens on GATEWAY_HOST (default 127.0.0.1), the issuer on"
                + " 127.0.0.1.");
        redescribe(all, "--allowed-host", "Host header the two MCP servers accept besides the local names the"
                + " gateway calls them by, repeatable or comma-separated; 'name:*' allows any port (env"
                + " MCP_ALLOWED_HOSTS). The gateway's own /mcp: env MCP_GATEWAY_ALLOWED_HOSTS.");
        redescribe(all, "--allowed-origin", "Origin the two MCP servers accept from browsers, repeatable or"
                + " comma-separated (env MCP_ALLOWED_ORIGINS; default: http://localhost, http://127.0.0.1 and"
                + " http://[::1] on any port). The gateway's own /mcp: env MCP_GATEWAY_ALLOWED_ORIGINS.");
        redescribe(all, "--max-request-bytes", "Largest request body the two MCP servers accept (env"
                + " MCP_MAX_REQUEST_BYTES; default ${DEFAULT-VALUE}). The gateway's: server.max_request_bytes.");
        redescribe(all, "--max-connections", "Most connections each MCP server keeps open at once (env"
                + " MCP_MAX_CONNECTIONS; default ${DEFAULT-VALUE}). The gateway's: server.max_connections.");
        redescribe(all, "--shutdown-timeout-seconds", "How long the two MCP servers' in-flight requests may take to"
                + " finish at shutdown (default ${DEFAULT-VALUE}). The gateway's: server.shutdown_timeout_ms.");
    }

    private static void redescribe(CommandSpec command, String name, String description) {
        OptionSpec option = command.findOption(name);
        command.remove(option);
        command.addOption(OptionSpec.builder(option).description(description).build());
    }

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        JsonMapper mapper = Json.newMapper();
        Clock clock = Clock.systemUTC();
        requireDistinctPorts();
        // checked before the data set, which may take long to load
        // the gateway calls the servers at 127.0.0.1: hosts named for others must not refuse it
        McpServerConfig searchConfig = server.toConfig(searchPort).alsoAllowingHosts(McpServerConfig.LOCAL_HOSTS);
        McpServerConfig reasoningConfig = server.toConfig(reasoningPort)
                .alsoAllowingHosts(McpServerConfig.LOCAL_HOSTS);
        requireGatewaySettings();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            DataOptions.Served served = data.open(mapper, clock);
            started.add(served.reloading());
            DataSet dataSet = served.data().dataSet();
            DevIdentityProvider idp = DevIdpCommand.start(idpPort);
            started.add(idp);
            McpServerHost search = SearchServer.start(searchConfig, served.data(), data.maxPageSize,
                    mapper, clock);
            started.add(search);
            McpServerHost reasoning = ReasoningServer.start(reasoningConfig, mapper, clock);
            started.add(reasoning);
            ReloadingGateway gateway = startGateway(idp, search, reasoning, mapper, clock);
            started.add(gateway);
            if (!LogFormat.isJson()) { // each part's start-up log line names its URL
                printWelcome(idp, gateway, search.port(), reasoning.port(), dataSet);
            }
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
        return RunningServers.awaitShutdown(started);
    }

    private ReloadingGateway startGateway(DevIdentityProvider idp, McpServerHost search, McpServerHost reasoning,
            JsonMapper mapper, Clock clock) {
        try {
            return ReloadingGateway.start(ConfigSource.of(new ConfigLoader(gatewayEnvironment(System.getenv(),
                    idp.issuer(), search.port(), reasoning.port(), port)), null, UnaryOperator.identity()), mapper,
                    clock);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /**
     * The gateway's settings from the environment (rate limits, Redis, cache...), checked before anything starts, as
     * the servers' are: a bad one stopped start-up only after the data set had loaded and three parts had started.
     * The parts' addresses are not known yet; any will do for the check.
     */
    private void requireGatewaySettings() {
        int somePort = 1;
        try {
            new ConfigLoader(gatewayEnvironment(System.getenv(), "http://127.0.0.1:" + somePort, somePort, somePort,
                    port)).load(null);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /**
     * The gateway's environment under {@code all}: the process's own (rate limits, Redis, cache, log settings...), with
     * the identity provider and the servers replaced by the ones {@code all} started. Its address is the process's
     * {@code GATEWAY_HOST}, as the servers' is {@code MCP_BIND_HOST}: 127.0.0.1 unless the operator (or the image)
     * says otherwise. Rate limits are off unless the environment sets them: every token of the development issuer
     * is one caller, whose 21st request in 10 s would be refused, so a script trying the gateway out met 429s.
     */
    static Map<String, String> gatewayEnvironment(Map<String, String> processEnvironment, String issuer,
            int searchPort, int reasoningPort, int gatewayPort) {
        Map<String, String> env = new HashMap<>(processEnvironment);
        env.keySet().removeIf(name -> name.startsWith("COGNITO_") || name.startsWith("OIDC_"));
        env.put("OIDC_ISSUER_URL", issuer);
        env.put("OIDC_CLIENT_IDS", DevIdpConfig.DEFAULT_CLIENT_ID);
        env.put("MCP_SEARCH_SERVER_URL", "http://127.0.0.1:" + searchPort);
        env.put("MCP_REASONING_SERVER_URL", "http://127.0.0.1:" + reasoningPort);
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        if (!env.containsKey(RATE_LIMIT_PER_MINUTE) && !env.containsKey(RATE_LIMIT_BURST)) {
            env.put(RATE_LIMIT_PER_MINUTE, "0");
            env.put(RATE_LIMIT_BURST, "0");
        }
        return env;
    }

    /** Two parts on one port (0, any free port, aside) is a usage error, not "Address already in use". */
    private void requireDistinctPorts() {
        Map<Integer, String> taken = new HashMap<>();
        for (Map.Entry<String, Integer> option : List.of(Map.entry("--port", port), Map.entry("--search-port",
                searchPort), Map.entry("--reasoning-port", reasoningPort), Map.entry("--idp-port", idpPort))) {
            String other = option.getValue() == 0 ? null : taken.putIfAbsent(option.getValue(), option.getKey());
            if (other != null) {
                throw new ParameterException(spec.commandLine(), other + " and " + option.getKey() + " are both "
                        + option.getValue() + ": each part needs a port of its own");
            }
        }
    }

    private void printWelcome(DevIdentityProvider idp, ReloadingGateway gateway, int searchPort, int reasoningPort,
            DataSet dataSet) {
        String base = "http://127.0.0.1:" + gateway.port();
        var out = spec.commandLine().getOut();
        out.printf("%nMCP Tools Gateway is running (%,d restaurants from %s)%n", dataSet.restaurantCount(),
                dataSet.source());
        out.printf("  gateway       %s   (health %s/health, docs %s/docs, metrics %s/metrics)%n", base, base, base,
                base);
        out.printf("  OIDC issuer   %s   (client %s, secret %s)%n", idp.issuer(), DevIdpConfig.DEFAULT_CLIENT_ID,
                DevIdpConfig.DEFAULT_CLIENT_SECRET);
        out.printf("  search MCP    http://127.0.0.1:%d/mcp   (health /health)%n", searchPort);
        out.printf("  reasoning MCP http://127.0.0.1:%d/mcp   (health /health)%n", reasoningPort);
        var limits = gateway.config().rateLimits();
        out.printf("  rate limits   %s%n", limits.perMinute() == 0 && limits.burst() == 0
                ? "off (" + RATE_LIMIT_PER_MINUTE + " and " + RATE_LIMIT_BURST + " turn them on)"
                : limits.perMinute() + " per minute, " + limits.burst() + " per " + limits.burstWindow().toSeconds()
                + " s per caller (0 = off)");
        out.printf("%nTry it:%n");
        out.printf("  TOKEN=$(curl -s -u %s:%s -d grant_type=client_credentials %s | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')%n",
                DevIdpConfig.DEFAULT_CLIENT_ID, DevIdpConfig.DEFAULT_CLIENT_SECRET, idp.tokenEndpoint());
        out.printf("  curl -s %s/api/v1/restaurants/search/district -H \"Authorization: Bearer $TOKEN\""
                + " -H 'Content-Type: application/json' -d '{\"districts\": [\"Central district\"]}'%n", base);
        out.printf("%nCtrl-C stops everything.%n");
        out.flush();
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // already failing: the first error is the one to report
            }
        }
    }
}
