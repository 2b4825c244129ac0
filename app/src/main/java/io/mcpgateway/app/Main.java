package io.mcpgateway.app;

import picocli.CommandLine;

/** Entry point of {@code mcp-tools-gateway.jar}: parses the subcommand and exits with its code. */
public final class Main {

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
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StartupException || e instanceof io.mcpgateway.gateway.config.ConfigException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
                return 1;
            }
            throw e;
        });
        return commandLine;
    }
}
