package io.mcpgateway.app.diagnostics.mcp;

import java.io.PrintWriter;
import java.util.Map;

import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mcp call URL TOOL --args JSON}: call one tool and show what it answers. */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Initialise against the server, call one tool with the given arguments and print its result"
                + " (JSON text is pretty-printed). A result marked isError fails the command.",
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the tool answered without isError", "1:a step failed or the tool reported an error (the"
                + " output says why)", ExitCode.HELP_USAGE})
final class McpCallCommand extends McpSubcommand {

    @Parameters(index = "1", paramLabel = "TOOL", description = "The tool's name, as 'mcp tools' lists it.")
    String tool;

    @Option(names = "--args", defaultValue = "{}", paramLabel = "JSON",
            description = "The arguments, a JSON object (default ${DEFAULT-VALUE}).")
    String args;

    @Override
    McpConversation.Steps steps() {
        Map<String, Object> arguments = arguments(Json.newMapper());
        PrintWriter out = spec.commandLine().getOut();
        return (client, steps, mapper) -> steps.run("tools/call " + tool,
                () -> client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()),
                result -> Boolean.TRUE.equals(result.isError()) ? "answered" : "succeeded")
                .ifPresent(result -> {
                    if (Boolean.TRUE.equals(result.isError())) {
                        steps.fail(Check.fail("result", "the tool reported an error (isError); its answer follows"));
                    }
                    print(result, out, mapper);
                });
    }

    private Map<String, Object> arguments(JsonMapper mapper) {
        try {
            JsonNode node = mapper.readTree(args);
            if (node != null && node.isObject()) {
                return mapper.convertValue(node, new TypeReference<Map<String, Object>>() { });
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--args must be a JSON object, for example"
                + " '{\"districts\": [\"Central district\"]}', but was: " + args);
    }

    private static void print(McpSchema.CallToolResult result, PrintWriter out, JsonMapper mapper) {
        out.println("Result:");
        if (result.content() == null || result.content().isEmpty()) {
            out.println(McpToolsCommand.indent(mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result.structuredContent()), "  "));
            return;
        }
        for (McpSchema.Content content : result.content()) {
            String text = content instanceof McpSchema.TextContent t ? pretty(t.text(), mapper)
                    : "(" + content.type() + " content)";
            out.println(McpToolsCommand.indent(text, "  "));
        }
    }

    /** JSON text pretty-printed; other text as it is. */
    private static String pretty(String text, JsonMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(text));
        } catch (JacksonException e) {
            return text;
        }
    }
}
