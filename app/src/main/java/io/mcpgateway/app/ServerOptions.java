package io.mcpgateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mcpgateway.mcpkit.McpServerConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options every MCP server subcommand shares: where it listens and what it accepts. */
final class ServerOptions {

    @Option(names = "--host", defaultValue = "${env:MCP_BIND_HOST:-127.0.0.1}", converter = AddressConverter.class,
            description = "Address to listen on (env MCP_BIND_HOST; default ${DEFAULT-VALUE}).")
    String bindHost;

    @Option(names = "--allowed-host", split = ",", paramLabel = "<host>", defaultValue = "${env:MCP_ALLOWED_HOSTS}",
            converter = AllowedHost.class,
            description = "Host header accepted on /mcp, repeatable or comma-separated; 'name:*' allows any port"
                    + " (env MCP_ALLOWED_HOSTS; default: localhost, 127.0.0.1 and [::1] on any port).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--allowed-origin", split = ",", paramLabel = "<origin>",
            defaultValue = "${env:MCP_ALLOWED_ORIGINS}", converter = AllowedOrigin.class,
            description = "Origin accepted on /mcp from browsers, repeatable or comma-separated (env"
                    + " MCP_ALLOWED_ORIGINS; default: http://localhost, http://127.0.0.1 and http://[::1] on any"
                    + " port).")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--max-request-bytes", defaultValue = "${env:MCP_MAX_REQUEST_BYTES:-4194304}",
            converter = CountConverters.RequestBytes.class,
            description = "Largest request body accepted; larger ones get 413 (env MCP_MAX_REQUEST_BYTES;"
                    + " default ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--max-connections", defaultValue = "${env:MCP_MAX_CONNECTIONS:-10000}",
            converter = CountConverters.Connections.class,
            description = "Most connections open at once (at least 16): at that many no more are accepted and idle"
                    + " ones are closed after a second (env MCP_MAX_CONNECTIONS; default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--shutdown-timeout-seconds", defaultValue = "10", converter = CountConverters.ZeroOrMore.class,
            description = "How long in-flight requests may take to finish at shutdown (default ${DEFAULT-VALUE}).")
    int shutdownTimeoutSeconds;

    /**
     * A value a check may refuse, saying why: typed, a usage error (exit code 2); from the variable behind the option,
     * a failure naming it (exit code 1). Blanks pass, and are left out later.
     */
    private abstract static class Checked implements ITypeConverter<String> {
        abstract Optional<String> problem(String value);

        @Override
        public String convert(String value) {
            if (!value.isBlank()) {
                problem(value.strip()).ifPresent(problem -> {
                    throw new TypeConversionException(problem);
                });
            }
            return value;
        }
    }

    /** A Host value {@code /mcp} accepts; one that matches no request would refuse every one. */
    static final class AllowedHost extends Checked {
        @Override
        Optional<String> problem(String value) {
            return McpServerConfig.hostProblem(value);
        }
    }

    /** An Origin value {@code /mcp} accepts from browsers. */
    static final class AllowedOrigin extends Checked {
        @Override
        Optional<String> problem(String value) {
            return McpServerConfig.originProblem(value);
        }
    }

    /** The server's settings. */
    McpServerConfig toConfig(int port) {
        List<String> hosts = clean(allowedHosts);
        List<String> origins = clean(allowedOrigins);
        try {
            return new McpServerConfig(bindHost, port, hosts.isEmpty() ? McpServerConfig.LOCAL_HOSTS : hosts,
                    origins.isEmpty() ? McpServerConfig.LOCAL_ORIGINS : origins, maxRequestBytes,
                    Duration.ofSeconds(shutdownTimeoutSeconds), maxConnections);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid server setting: " + e.getMessage());
        }
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
