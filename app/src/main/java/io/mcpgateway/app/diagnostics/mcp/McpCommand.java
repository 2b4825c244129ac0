package io.mcpgateway.app.diagnostics.mcp;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mcp}: talk to any Streamable HTTP MCP server directly, step by step, with timings. */
@Command(name = "mcp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Talk to any Streamable HTTP MCP server (stateless or with sessions: the backends, the"
                + " gateway's /mcp, anyone's) with the MCP Java SDK client: initialise, then ping, list the tools or"
                + " call one. Each step is printed with its time; the first failure stops the conversation."},
        subcommands = {McpPingCommand.class, McpToolsCommand.class, McpCallCommand.class},
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:every step succeeded", "1:a step failed: connection refused, HTTP status, JSON-RPC error,"
                + " or a tool result with isError (the output says which)", ExitCode.HELP_USAGE})
public final class McpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Alone, {@code mcp} has nothing to do: say which subcommands there are, as a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mcp needs a subcommand: " + String.join(", ", spec.subcommands().keySet()));
        spec.commandLine().usage(err);
        return ExitCode.USAGE;
    }
}
