package io.mcpgateway.app.diagnostics.mcp;

import java.io.PrintWriter;

import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.modelcontextprotocol.spec.McpSchema;
import picocli.CommandLine.Command;
import tools.jackson.databind.json.JsonMapper;

/** {@code mcp tools URL}: which tools does the server offer, and what do they take? */
@Command(name = "tools", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Initialise against the server and list its tools with their descriptions and input schemas.",
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the tools were listed", "1:a step failed (the output says why)", ExitCode.HELP_USAGE})
final class McpToolsCommand extends McpSubcommand {

    @Override
    McpConversation.Steps steps() {
        PrintWriter out = spec.commandLine().getOut();
        return (client, steps, mapper) -> steps.run("tools/list", client::listTools,
                        r -> r.tools().size() + (r.tools().size() == 1 ? " tool" : " tools")
                                + (r.nextCursor() == null ? "" : " (first page)"))
                .ifPresent(result -> result.tools().forEach(tool -> print(tool, out, mapper)));
    }

    private static void print(McpSchema.Tool tool, PrintWriter out, JsonMapper mapper) {
        out.println();
        out.println(tool.name() + (tool.title() == null ? "" : " (" + tool.title() + ")"));
        if (tool.description() != null) {
            out.println("  " + tool.description().strip().replace("\n", "\n  "));
        }
        out.println("  input schema:");
        out.println(indent(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tool.inputSchema()), "    "));
    }

    static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
