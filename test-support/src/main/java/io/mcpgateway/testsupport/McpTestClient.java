package io.mcpgateway.testsupport;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The MCP Java SDK's client connected to a local server, as a real caller would use it. */
public final class McpTestClient implements AutoCloseable {

    private final McpSyncClient client;
    private final JsonMapper mapper;
    private final DefaultJsonSchemaValidator validator;
    private Map<String, McpSchema.Tool> tools;

    private McpTestClient(McpSyncClient client, JsonMapper mapper) {
        this.client = client;
        this.mapper = mapper;
        this.validator = new DefaultJsonSchemaValidator(mapper);
    }

    /** Connects to {@code http://127.0.0.1:port/mcp} and initialises. */
    public static McpTestClient connect(int port, JsonMapper mapper) {
        return connect(port, mapper, null);
    }

    /** Connects with a bearer token (for the gateway's endpoint) and initialises. */
    public static McpTestClient connect(int port, JsonMapper mapper, String bearerToken) {
        var builder = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(mapper));
        if (bearerToken != null) {
            builder.requestBuilder(java.net.http.HttpRequest.newBuilder()
                    .header("Authorization", "Bearer " + bearerToken));
        }
        var transport = builder.build();
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

    /** The server's tools by name, as {@code tools/list} published them. */
    public synchronized Map<String, McpSchema.Tool> tools() {
        if (tools == null) {
            tools = new HashMap<>();
            client.listTools().tools().forEach(t -> tools.put(t.name(), t));
        }
        return tools;
    }

    /**
     * Calls a tool and checks what every tool result owes its caller: the text item holds the same JSON as the
     * structured content, the structured content conforms to the tool's published output schema, and
     * {@code isError} agrees with {@code success}. Returns the envelope.
     */
    public Map<String, Object> callChecked(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        Map<String, Object> envelope = structured(result);
        assertThatJson(text(result)).isEqualTo(envelope);
        var validation = validator.validate(tools().get(tool).outputSchema(), envelope);
        assertThat(validation.valid()).as(validation.errorMessage()).isTrue();
        assertThat(result.isError()).isEqualTo(!Boolean.TRUE.equals(envelope.get("success")));
        return envelope;
    }

    /** The {@code data} of a success envelope; fails when the envelope is an error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(Map<String, Object> envelope) {
        assertThat(envelope).containsEntry("success", true);
        return (Map<String, Object>) envelope.get("data");
    }

    /** The {@code error} of an error envelope; fails when the envelope is a success. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> error(Map<String, Object> envelope) {
        assertThat(envelope).containsEntry("success", false);
        return (Map<String, Object>) envelope.get("error");
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
