package io.mcpgateway.gateway.toolmeta;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.mcpgateway.mcpkit.MirroredHeaders;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages of a backend's {@code tools/list} read into its tools. A backend is trusted to describe its own tools, not
 * to name another's: a tool whose name the gateway cannot serve (one holding the {@code ___} of the gateway's
 * {@code <backend>___<tool>} names, which would let it answer for another backend's tool on {@code /mcp}; control
 * characters or spaces, which reach logs; more than 128 characters) is left out and reported, as is one that can only
 * be called as a task or whose {@code x-mcp-header} annotations MCP 2026-07-28 does not allow (its clients over HTTP
 * must leave such a tool out), and a listing that names one tool twice is refused whole: which of the two an agent, a
 * route or a pin would get is anyone's guess.
 */
final class ToolListing {

    /** More tools than this in one listing is a backend gone wrong, not a catalogue to serve. */
    static final int MAX_TOOLS = 1_000;
    /** MCP's advice for tool names (1 to 128 characters). */
    static final int MAX_NAME_LENGTH = 128;
    /**
     * No control (C0 or C1), format (bidirectional, zero-width) or separator character (U+2028 among them): Java's
     * {@code \p{Cntrl}} and {@code \s} alone let U+0085 and U+2028 through, which break log lines.
     */
    private static final Pattern SERVABLE_NAME = Pattern.compile(
            "[^\\p{Cc}\\p{Cf}\\p{Z}\\s]{1," + MAX_NAME_LENGTH + "}");

    /**
     * The tools that can be served, and why the others were left out (one line each; and by name, for those whose
     * name could be served but not their definition).
     */
    record Read(List<BackendTool> tools, List<String> leftOut, Map<String, String> leftOutByName) {
    }

    /** A listing that cannot be used as a whole: the tools known before it stay. */
    static final class Unusable extends RuntimeException {

        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String backend;
    private final JsonMapper mapper;
    private final List<BackendTool> tools = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    private final Map<String, String> leftOutByName = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();

    ToolListing(String backend, JsonMapper mapper) {
        this.backend = backend;
        this.mapper = mapper;
    }

    /**
     * Adds one page, a {@code tools/list} result.
     *
     * @throws Unusable when the page has no {@code tools} array, names a tool twice or goes past {@link #MAX_TOOLS}
     */
    void add(JsonNode page) {
        JsonNode listed = page.path("tools");
        if (!listed.isArray()) {
            throw new Unusable("a tool list without a 'tools' array");
        }
        for (JsonNode tool : listed) {
            if (!tool.isObject()) {
                throw new Unusable("a tool that is not a JSON object");
            }
            String name = tool.path("name").isString() ? tool.path("name").asString() : "";
            String problem = problemOf(name);
            if (problem != null) {
                leftOut.add(problem);
                continue;
            }
            // before a tool is left out for its definition: a listing naming it twice is refused whole all the same
            if (!names.add(name)) {
                throw new Unusable("the tool '" + name + "' is listed twice");
            }
            String reason = definitionProblem(tool);
            if (reason != null) {
                leftOut.add("'" + Echoed.oneLine(name, 64) + "': " + reason);
                leftOutByName.put(name, reason);
                continue;
            }
            if (tools.size() == MAX_TOOLS) {
                throw new Unusable("more than " + MAX_TOOLS + " tools");
            }
            tools.add(new BackendTool(backend, name, mapper.convertValue(tool,
                    new TypeReference<Map<String, Object>>() { })));
        }
    }

    Read read() {
        return new Read(List.copyOf(tools), List.copyOf(leftOut), Map.copyOf(leftOutByName));
    }

    /**
     * Why a tool whose name can be served cannot be: one that can only be called as a task, or whose header
     * annotations MCP 2026-07-28 forbids; null when it can.
     */
    private String definitionProblem(JsonNode tool) {
        if ("required".equals(tool.path("execution").path("taskSupport").asString(""))) {
            // MCP 2025-11-25's tasks: such a tool refuses every plain call, and the gateway makes only those
            return "it can only be called as a task (execution.taskSupport 'required'), which the gateway does not"
                    + " support";
        }
        // MCP 2026-07-28: a client over Streamable HTTP leaves out a tool whose header annotations are invalid
        return tool.path("inputSchema").isObject() ? MirroredHeaders.definitionProblem(mapper.convertValue(
                tool.path("inputSchema"), new TypeReference<Map<String, Object>>() { })) : null;
    }

    private static String problemOf(String name) {
        if (name.isEmpty()) {
            return "a tool without a name";
        }
        String shown = Echoed.oneLine(name, 64);
        if (!SERVABLE_NAME.matcher(name).matches()) {
            return "'" + shown + "': a name with control characters or spaces, or longer than " + MAX_NAME_LENGTH
                    + " characters";
        }
        if (name.contains(BackendTool.EXPOSED_NAME_SEPARATOR)) {
            return "'" + shown + "': '" + BackendTool.EXPOSED_NAME_SEPARATOR + "' is reserved for the gateway's"
                    + " <backend>" + BackendTool.EXPOSED_NAME_SEPARATOR + "<tool> names";
        }
        return null;
    }
}
