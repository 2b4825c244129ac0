package io.mcpgateway.testsupport;

import java.time.Duration;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The MCP Java SDK's client connected to a local server, as a real caller would use it. */
public final class McpTestClient implements AutoCloseable {

    private final McpSyncClient client;
    private final JsonMapper mapper;

    private McpTestClient(McpSyncClient client, JsonMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Connects to {@code http://127.0.0.1:port/mcp} and initialises. */
    public static McpTestClient connect(int port, JsonMapper mapper) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(mapper))
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("integration-test", "1.0.0"))
                .build();
        client.initialize();
        return new McpTestClient(client, mapper);
    }

    public McpSyncClient sdk() {
        return client;
    }

    public CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The structured content of a result as plain maps and lists. */
    public Map<String, Object> structured(CallToolResult result) {
        return mapper.convertValue(result.structuredContent(), new TypeReference<Map<String, Object>>() { });
    }

    /** The text content of a result (the JSON for older clients). */
    public static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
