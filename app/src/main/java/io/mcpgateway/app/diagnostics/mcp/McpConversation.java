package io.mcpgateway.app.diagnostics.mcp;

import java.io.PrintWriter;

import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.app.diagnostics.Marks;
import io.mcpgateway.app.diagnostics.QuietLogs;
import io.mcpgateway.json.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One conversation with an MCP server, as every {@code mcp} subcommand has it: connect, initialise, the
 * subcommand's own steps, close; the exit code says whether every step succeeded.
 */
final class McpConversation {

    /** What a subcommand does once the server is initialised. */
    interface Steps {
        void run(McpSyncClient client, McpSteps steps, JsonMapper mapper);
    }

    private McpConversation() {
    }

    static int hold(McpTarget target, PrintWriter out, Steps steps) {
        QuietLogs.apply(System.getenv());
        JsonMapper mapper = Json.newMapper();
        out.println("MCP server " + target.endpoint());
        McpSteps reporter = new McpSteps(target, out, Marks.forStdout());
        McpSyncClient client = target.client(mapper);
        try {
            if (reporter.initialize(client).isPresent()) {
                steps.run(client, reporter, mapper);
            }
        } finally {
            closeQuietly(client::closeGracefully);
        }
        out.flush();
        return reporter.failed() ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /** Closing can fail when the server is already gone; the conversation's outcome is what matters. */
    private static void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            // nothing left to report: every step has been printed
        }
    }
}
