package io.mcpgateway.app;

import java.util.Map;
import java.util.regex.Pattern;

import io.mcpgateway.failure.Causes;
import io.mcpgateway.gateway.config.ShownProblems;
import picocli.CommandLine;

/** Entry point of {@code mcp-tools-gateway.jar}: parses the subcommand and exits with its code. */
public final class Main {

    /**
     * The JDK's socket address before a port: "host/&lt;unresolved&gt;" (group 1, the host) or "[host]/address"
     * (group 2, the address, an IPv6 one in brackets).
     */
    private static final Pattern JDK_ADDRESS = Pattern.compile(
            "(?<=to )(?:([^\\s/]+)/<unresolved>|[^\\s/]*/(\\[[^\\]]*\\]|[^\\s/:]+))(?=:\\d)");
    /** Where each server command's ports are set, for the message that one is taken. */
    private static final Map<String, String> PORT_SETTINGS = Map.of(
            "gateway", "--port, GATEWAY_PORT or server.port",
            "search-server", "--port, SEARCH_SERVER_PORT or search_server.port",
            "reasoning-server", "--port, REASONING_SERVER_PORT or reasoning_server.port",
            "dev-idp", "--port, DEV_IDP_PORT or dev_idp.port",
            "all", "--port, --search-port, --reasoning-port and --idp-port (GATEWAY_PORT, SEARCH_SERVER_PORT,"
                    + " REASONING_SERVER_PORT, DEV_IDP_PORT)");

    private Main() {
    }

    public static void main(String[] args) {
        try {
            LogFormat.apply(System.getenv()); // first: nothing may start logging before the format is known
            LogLevels.apply(System.getenv());
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared with tests so they run exactly what users run. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RootCommand());
        AllCommand.describeServerOptions(commandLine.getSubcommands().get("all").getCommandSpec());
        commandLine.setParameterExceptionHandler(new EnvironmentValueErrors(commandLine.getParameterExceptionHandler(),
                System.getenv()));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StartupException || e instanceof io.mcpgateway.gateway.config.ConfigException) {
                return FatalError.report(cmd, e.getMessage());
            }
            String bindFailure = bindFailure(e);
            if (bindFailure != null) {
                return FatalError.report(cmd, "cannot listen: " + bindFailure + ". Is another process on that"
                        + " port? Choose another with " + PORT_SETTINGS.getOrDefault(cmd.getCommandName(),
                                "the port options") + " (" + cmd.getCommandName() + " --help)");
            }
            String unresolved = unresolvedAddress(e);
            if (unresolved != null) {
                return FatalError.report(cmd, "cannot listen: " + unresolved + ": the host is not an address of"
                        + " this machine: see --host, GATEWAY_HOST or server.host for the gateway, MCP_BIND_HOST for"
                        + " the MCP servers (" + cmd.getCommandName() + " --help)");
            }
            // Anything else (a file that cannot be written, say): one line, as for the failures above; the stack
            // trace only for whoever asked for debug logs.
            int code = FatalError.report(cmd, ShownProblems.reason(e));
            if (LogLevels.debugRequested(System.getenv())) {
                e.printStackTrace(cmd.getErr());
            }
            return code;
        });
        return commandLine;
    }

    /** Where a listener could not bind because its host does not resolve ("Failed to bind to nosuch.invalid:80"). */
    static String unresolvedAddress(Throwable failure) {
        if (Causes.find(failure, java.nio.channels.UnresolvedAddressException.class).isEmpty()) {
            return null;
        }
        String where = bindAttempt(failure);
        return where != null ? where : "the host does not resolve";
    }

    /** What a failure to open a listening port says ("Failed to bind to /127.0.0.1:9000: Address already in use"). */
    static String bindFailure(Throwable failure) {
        java.net.BindException bind = Causes.find(failure, java.net.BindException.class).orElse(null);
        if (bind == null) {
            return null;
        }
        String why = bind.getMessage() == null ? "the address is in use" : bind.getMessage();
        String where = bindAttempt(failure);
        return where == null || where.equals(why) ? why : where + ": " + why;
    }

    /**
     * The first message in the chain of causes that tells which address a bind was tried on, its address without the
     * JDK's notation, which Jetty writes ("/127.0.0.1:9000", "nosuch.invalid/&lt;unresolved&gt;:80").
     */
    private static String bindAttempt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().contains("bind")) {
                return JDK_ADDRESS.matcher(t.getMessage()).replaceAll("$1$2");
            }
        }
        return null;
    }
}
