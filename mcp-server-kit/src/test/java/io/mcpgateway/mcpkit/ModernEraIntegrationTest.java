package io.mcpgateway.mcpkit;

import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/** An MCP server of ours spoken to in MCP 2026-07-28, beside the earlier revisions its SDK speaks. */
@Timeout(60)
class ModernEraIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String VERSION = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    @AutoClose
    private static McpServerHost host;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        McpSchema.Tool echo = ToolSchemas.readOnlyTool("echo", "Echo", "Echoes text",
                closedObject(properties("text", string("Text to echo")), List.of("text")), Map.of("type", "object"));
        host = McpServerHost.start(McpServerConfig.local(0), new ServerIdentity("modern-test", "1.2.3", "For tests"),
                List.of(new ToolDefinition(echo, args -> Map.of("echo", String.valueOf(args.raw("text"))))),
                ToolErrorTranslator.NONE, () -> new HealthReport(HealthReport.Status.HEALTHY, Map.of()), MAPPER,
                Clock.systemUTC());
        raw = new RawMcpHttp(host.port());
    }

    private static String request(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
    }

    private static HttpResponse<String> modern(String method, String body, String... more) {
        List<String> headers = new ArrayList<>(List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", method));
        headers.addAll(List.of(more));
        return raw.post(body, headers.toArray(String[]::new));
    }

    @Test
    void discoveryNamesTheVersionsOfBothErasAndTheServer() {
        HttpResponse<String> response = modern("server/discover", request("server/discover", META));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("id").isEqualTo(5);
        assertThatJson(response.body()).inPath("result.resultType").isEqualTo("complete");
        assertThatJson(response.body()).inPath("result.supportedVersions[0]").isEqualTo(VERSION);
        assertThatJson(response.body()).inPath("result.supportedVersions").isArray().contains("2025-11-25");
        assertThatJson(response.body()).inPath("result.cacheScope").isEqualTo("public");
        assertThat(MAPPER.readTree(response.body()).at("/result/_meta/io.modelcontextprotocol~1serverInfo/name")
                .asString()).isEqualTo("modern-test");
    }

    @Test
    void discoveryIsReadAndRefusedAsTheOtherMethodsAre() {
        String discover = request("server/discover", META);
        HttpResponse<String> twice = modern("server/discover", discover.replace("\"id\":5", "\"id\":5,\"id\":6"));
        byte[] latin1 = discover.replace("2026-07-28\",\"io.modelcontextprotocol/clientCapabilities",
                "2026-07-28\",\"n\u00e9\":1,\"io.modelcontextprotocol/clientCapabilities")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> notUtf8 = raw.post(latin1, "MCP-Protocol-Version", VERSION, "Mcp-Method",
                "server/discover");
        byte[] withMark = ("\uFEFF" + discover).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> marked = raw.post(withMark, "MCP-Protocol-Version", VERSION, "Mcp-Method",
                "server/discover");
        HttpResponse<String> jsonOnly = modern("server/discover", discover, "Accept", "application/json");

        assertThat(twice.statusCode()).as("a member named twice").isEqualTo(400);
        assertThatJson(twice.body()).inPath("error.code").isEqualTo(-32700);
        assertThat(notUtf8.statusCode()).as("bytes that are not UTF-8").isEqualTo(400);
        assertThatJson(notUtf8.body()).inPath("error.code").isEqualTo(-32700);
        assertThat(marked.statusCode()).as("a byte order mark is ignored").isEqualTo(200);
        assertThat(jsonOnly.statusCode()).as("an Accept without event streams, as the SDK refuses it").isEqualTo(400);
        assertThatJson(jsonOnly.body()).inPath("error.code").isEqualTo(-32600);
        assertThatJson(jsonOnly.body()).inPath("id").isEqualTo(5);
    }

    @Test
    void toolsAreListedAndCalledWithoutInitializeSayingTheirResultsAreComplete() {
        HttpResponse<String> list = modern("tools/list", request("tools/list", META));
        HttpResponse<String> call = modern("tools/call", request("tools/call", "\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"hi\"}," + META), "Mcp-Name", "echo");
        HttpResponse<String> earlier = raw.post(RawMcpHttp.toolCall("echo", "{\"text\":\"hi\"}"),
                "MCP-Protocol-Version", "2025-11-25");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThatJson(list.body()).inPath("result.resultType").isEqualTo("complete");
        assertThatJson(list.body()).inPath("result.tools[0].name").isEqualTo("echo");
        assertThatJson(list.body()).inPath("result.ttlMs").isIntegralNumber();
        assertThatJson(list.body()).inPath("result.cacheScope").isEqualTo("public");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThatJson(call.body()).inPath("result.resultType").isEqualTo("complete");
        assertThatJson(call.body()).inPath("result.structuredContent.data.echo").isEqualTo("hi");
        assertThatJson(earlier.body()).as("the earlier revisions' answers are as they were").inPath("result")
                .isObject().doesNotContainKey("resultType");
    }

    static Stream<Arguments> wrongRequests() {
        String call = request("tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}," + META);
        return Stream.of(
                Arguments.of("no _meta", request("tools/list", ""), List.of("Mcp-Method", "tools/list"), 400, -32602),
                Arguments.of("another method in the header", request("tools/list", META),
                        List.of("Mcp-Method", "tools/call"), 400, -32020),
                Arguments.of("no tool name header", call, List.of("Mcp-Method", "tools/call"), 400, -32020),
                Arguments.of("another tool in the header", call,
                        List.of("Mcp-Method", "tools/call", "Mcp-Name", "count"), 400, -32020),
                Arguments.of("the body naming another version", request("tools/list", META.replace(VERSION,
                        "2099-01-01")), List.of("Mcp-Method", "tools/list"), 400, -32020),
                Arguments.of("ping, which this revision removed", request("ping", META),
                        List.of("Mcp-Method", "ping"), 404, -32601));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongRequests")
    void aWrongRequestIsRefusedWithItsIdTheStatusAndTheCodeTheRevisionGives(String what, String body,
            List<String> headers, int status, int code) {
        List<String> all = new ArrayList<>(List.of("MCP-Protocol-Version", VERSION));
        all.addAll(headers);

        HttpResponse<String> response = raw.post(body, all.toArray(String[]::new));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(code);
        assertThatJson(response.body()).inPath("id").isEqualTo(5);
    }

    @Test
    void aBatchOrAnInvalidMessageIsRefusedANotificationTakenAndAnUnknownVersionListsTheVersionsSpoken() {
        HttpResponse<String> batch = modern("tools/list", "[" + request("tools/list", META) + "]");
        HttpResponse<String> notification = modern("notifications/cancelled",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{" + META + "}}");
        HttpResponse<String> unknown = raw.post(request("tools/list", ""), "MCP-Protocol-Version", "2099-01-01");
        HttpResponse<String> noMethod = modern("tools/list", "{\"jsonrpc\":\"2.0\",\"id\":5}");
        HttpResponse<String> notTwoPointO = modern("tools/list", request("tools/list", META).replace("2.0", "1.0"));

        assertThat(batch.statusCode()).isEqualTo(400);
        assertThatJson(batch.body()).inPath("error.code").isEqualTo(-32600);
        assertThat(notification.statusCode()).isEqualTo(202);
        for (HttpResponse<String> invalid : List.of(noMethod, notTwoPointO)) {
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThatJson(invalid.body()).inPath("error.code").isEqualTo(-32600);
        }
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThatJson(unknown.body()).inPath("error.code").isEqualTo(-32022);
        assertThatJson(unknown.body()).inPath("error.data.supported[0]").isEqualTo(VERSION);
        assertThatJson(unknown.body()).inPath("error.data.requested").isString().isEqualTo("2099-01-01");
    }
}
