package io.mcpgateway.app.diagnostics.mcp;

import java.util.concurrent.Callable;

import io.mcpgateway.app.diagnostics.UrlOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** An {@code mcp} subcommand: a conversation with the server at its URL whose own steps follow the handshake. */
abstract class McpSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    McpTarget target;

    @Override
    public final Integer call() {
        UrlOption.requirePositive(spec, "--timeout-ms", target.timeoutMs);
        McpConversation.Steps steps = steps();
        return McpConversation.hold(target, spec.commandLine().getOut(), steps);
    }

    /** What to do once the server is initialised; a wrong argument is a usage error thrown here, before connecting. */
    abstract McpConversation.Steps steps();
}
