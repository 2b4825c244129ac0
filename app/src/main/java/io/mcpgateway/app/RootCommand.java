package io.mcpgateway.app;

import io.mcpgateway.app.diagnostics.config.ValidateConfigCommand;
import io.mcpgateway.app.diagnostics.health.HealthCommand;
import io.mcpgateway.app.diagnostics.load.LoadTestCommand;
import io.mcpgateway.app.diagnostics.logs.AnalyzeLogsCommand;
import io.mcpgateway.app.diagnostics.mcp.McpCommand;
import io.mcpgateway.app.diagnostics.token.ValidateTokenCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mcp-tools-gateway}: lists the subcommands when run alone. */
@Command(name = "mcp-tools-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "MCP Tools Gateway: the gateway, the restaurant MCP servers, and the tools to run and diagnose"
                + " them.",
        subcommands = {AllCommand.class, GatewayCommand.class, SearchServerCommand.class,
                ReasoningServerCommand.class, DevIdpCommand.class, GenerateDataCommand.class, HealthCommand.class,
                ValidateTokenCommand.class, LoadTestCommand.class, AnalyzeLogsCommand.class,
                ValidateConfigCommand.class, McpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (the message says why)", "2:invalid command line"})
final class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
