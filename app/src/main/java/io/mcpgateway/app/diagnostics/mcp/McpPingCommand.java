package io.mcpgateway.app.diagnostics.mcp;

import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.ExitCode;
import picocli.CommandLine.Command;

/** {@code mcp ping URL}: does the server initialise and answer a ping? */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Initialise against the server and ping it, timing each step.",
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the server initialised and answered the ping", "1:a step failed (the output says why)",
                ExitCode.HELP_USAGE})
final class McpPingCommand extends McpSubcommand {

    @Override
    McpConversation.Steps steps() {
        return (client, steps, mapper) -> steps.run("ping", client::ping, answer -> "answered");
    }
}
