package io.mcpgateway.gateway.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.config.ToolSettings;

/**
 * The gateway's /mcp spoken in MCP 2026-07-28, as a client of that revision speaks it: no initialize, the version and
 * the client's capabilities in every request's _meta, the version, method and tool name mirrored into headers.
 */
@Timeout(120)
class ModernMcpIntegrationTest {

    private static final String VERSION = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}";
    private static final String SEARCH = "search_restaurants_by_district";

    @AutoClose
    private static GatewayFixture system;
    private static String bearer;

    @BeforeAll
    static void start() {
        system = new GatewayFixture();
        bearer = "Bearer " + system.token();
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + params + "}}";
    }

    private static String call(String arguments) {
        return request(3, "tools/call", "\"name\":\"" + SEARCH + "\",\"arguments\":" + arguments + "," + META);
    }

    /** POSTs {@code body} with a token, the Accept /mcp needs and {@code headers}. */
    private static HttpResponse<String> post(String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Accept", "application/json, text/event-stream",
                "Authorization", bearer));
        all.addAll(List.of(headers));
        return system.post("/mcp", body, all.toArray(String[]::new));
    }

    /** POSTs a modern request with the headers a client of 2026-07-28 mirrors from it. */
    private static HttpResponse<String> modern(String method, String body, String... more) {
        List<String> headers = new ArrayList<>(List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", method));
        headers.addAll(List.of(more));
        return post(body, headers.toArray(String[]::new));
    }

    /** The server's name in a result's _meta, "" when it has none. */
    private static String serverName(HttpResponse<String> response) {
        return system.mapper.readTree(response.body()).at("/result/_meta/io.modelcontextprotocol~1serverInfo/name")
                .asString("");
    }

    @Test
    void discoveryNamesBothErasTheToolsCapabilityAndTheGateway() {
        HttpResponse<String> response = modern("server/discover", request("\"d-1\"", "server/discover", META));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("id").isEqualTo("d-1");
        assertThatJson(response.body()).inPath("result.resultType").isEqualTo("complete");
        assertThatJson(response.body()).inPath("result.supportedVersions")
                .isEqualTo(List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"));
        assertThatJson(response.body()).inPath("result.capabilities").as("changes told on subscriptions/listen")
                .isEqualTo("{\"tools\":{\"listChanged\":true}}");
        assertThatJson(response.body()).inPath("result.cacheScope").isEqualTo("public");
        assertThatJson(response.body()).inPath("result.ttlMs").isIntegralNumber();
        assertThat(serverName(response)).isEqualTo("mcp-tools-gateway");
    }

    @Test
    void toolsAreListedWithoutInitializeWithCachingHintsForThisCallerOnly() {
        HttpResponse<String> modern = modern("tools/list", request(1, "tools/list", META));
        HttpResponse<String> legacy = post(request(1, "tools/list", ""), "MCP-Protocol-Version", "2025-11-25");

        assertThat(modern.statusCode()).isEqualTo(200);
        assertThatJson(modern.body()).inPath("result.resultType").isEqualTo("complete");
        assertThatJson(modern.body()).inPath("result.tools").isEqualTo(
                system.mapper.readTree(legacy.body()).at("/result/tools").toString());
        assertThatJson(modern.body()).inPath("result.ttlMs")
                .isEqualTo(ToolSettings.DEFAULT_REFRESH_INTERVAL.toMillis());
        assertThatJson(modern.body()).inPath("result.cacheScope").as("the list depends on the caller's scopes")
                .isEqualTo("private");
        assertThatJson(legacy.body()).as("earlier revisions' answers are as they were").inPath("result")
                .isObject().doesNotContainKey("resultType").doesNotContainKey("ttlMs");
    }

    @Test
    void aToolCallPassesTheBackendsResultThroughSayingItIsComplete() {
        HttpResponse<String> modern = modern("tools/call", call("{\"districts\":[\"Central district\"],\"limit\":2}"),
                "Mcp-Name", SEARCH);
        HttpResponse<String> legacy = post(request(3, "tools/call", "\"name\":\"" + SEARCH
                + "\",\"arguments\":{\"districts\":[\"Central district\"],\"limit\":2}"));

        assertThat(modern.statusCode()).isEqualTo(200);
        assertThatJson(modern.body()).inPath("result.resultType").isEqualTo("complete");
        assertThatJson(modern.body()).inPath("result.structuredContent.data.total_count").isEqualTo(63);
        assertThatJson(modern.body()).inPath("result.isError").isEqualTo(false);
        assertThatJson(legacy.body()).inPath("result").isObject().doesNotContainKey("resultType");
        var modernResult = (tools.jackson.databind.node.ObjectNode) system.mapper.readTree(modern.body()).get("result");
        modernResult.remove("resultType");
        assertThatJson(modernResult.toString()).as("nothing else changed")
                .isEqualTo(system.mapper.readTree(legacy.body()).get("result").toString());
    }

    @Test
    void aToolNameOutsideAsciiIsMirroredInBase64() {
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString(SEARCH.getBytes()) + "?=";

        HttpResponse<String> response = modern("tools/call", call("{\"districts\":[\"Wan Chai\"],\"limit\":1}"),
                "Mcp-Name", encoded);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("result.resultType").isEqualTo("complete");
    }

    @Test
    void toolFailuresAreCompleteResultsWithIsError() {
        HttpResponse<String> backendRefused = modern("tools/call", call("{\"districts\":[\"Atlantis\"]}"),
                "Mcp-Name", SEARCH);
        HttpResponse<String> gatewayRefused = modern("tools/call", call("{\"districts\":\"Central\"}"),
                "Mcp-Name", SEARCH);

        for (HttpResponse<String> response : List.of(backendRefused, gatewayRefused)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("result.resultType").isEqualTo("complete");
            assertThatJson(response.body()).inPath("result.isError").isEqualTo(true);
        }
        assertThat(serverName(gatewayRefused)).as("a result the gateway made names it").isEqualTo("mcp-tools-gateway");
    }

    static Stream<Arguments> wrongRequests() {
        String list = request(3, "tools/list", META);
        String search = call("{\"districts\":[\"Central district\"]}");
        return Stream.of(
                Arguments.of("no version header", list, List.of("Mcp-Method", "tools/list"), 400, -32020),
                Arguments.of("header and body disagree", list,
                        List.of("MCP-Protocol-Version", "2025-11-25", "Mcp-Method", "tools/list"), 400, -32020),
                Arguments.of("version on two lines", list, List.of("MCP-Protocol-Version", VERSION,
                        "MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list"), 400, -32020),
                Arguments.of("no method header", list, List.of("MCP-Protocol-Version", VERSION), 400, -32020),
                Arguments.of("another method in the header", list,
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/call"), 400, -32020),
                Arguments.of("no tool name header", search,
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/call"), 400, -32020),
                Arguments.of("another tool in the header", search, List.of("MCP-Protocol-Version", VERSION,
                        "Mcp-Method", "tools/call", "Mcp-Name", "list_districts"), 400, -32020),
                Arguments.of("a tool name that is not base64", search, List.of("MCP-Protocol-Version", VERSION,
                        "Mcp-Method", "tools/call", "Mcp-Name", "=?base64?!!!?="), 400, -32020),
                Arguments.of("a tool name on two lines", search, List.of("MCP-Protocol-Version", VERSION,
                        "Mcp-Method", "tools/call", "Mcp-Name", SEARCH, "Mcp-Name", SEARCH), 400, -32020),
                Arguments.of("a future version without this one's capabilities", request(3, "tools/list",
                        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2027-01-01\"}"),
                        List.of("MCP-Protocol-Version", "2027-01-01", "Mcp-Method", "tools/list"), 400, -32022),
                Arguments.of("no client capabilities", request(3, "tools/list",
                        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}"),
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list"), 400, -32602),
                Arguments.of("a version that is not a string", request(3, "tools/list",
                        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":2026,"
                                + "\"io.modelcontextprotocol/clientCapabilities\":{}}"),
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list"), 400, -32602),
                Arguments.of("no _meta under a modern header", request(3, "tools/list", ""),
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list"), 400, -32602),
                Arguments.of("_meta that is no object", request(3, "tools/list", "\"_meta\":[]"),
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list"), 400, -32602),
                Arguments.of("a version no one speaks", list.replace(VERSION, "2099-01-01"),
                        List.of("MCP-Protocol-Version", "2099-01-01", "Mcp-Method", "tools/list"), 400, -32022),
                Arguments.of("ping, which this revision removed", request(3, "ping", META),
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "ping"), 404, -32601),
                Arguments.of("a method the gateway lacks", request(3, "prompts/list", META),
                        List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "prompts/list"), 404, -32601));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongRequests")
    void aWrongRequestIsRefusedWithItsIdTheStatusAndTheCodeTheRevisionGives(String what, String body,
            List<String> headers, int status, int code) {
        HttpResponse<String> response = post(body, headers.toArray(String[]::new));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(code);
        assertThatJson(response.body()).inPath("id").isEqualTo(3);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void anUnsupportedVersionListsTheVersionsSpoken() {
        HttpResponse<String> response = post(request(3, "tools/list", META.replace(VERSION, "2099-01-01")),
                "MCP-Protocol-Version", "2099-01-01", "Mcp-Method", "tools/list");

        assertThatJson(response.body()).inPath("error.data.requested").isEqualTo("2099-01-01");
        assertThatJson(response.body()).inPath("error.data.supported[0]").isEqualTo(VERSION);
    }

    @Test
    void anEarlierVersionNamedInMetaIsToldToOpenWithInitialize() {
        HttpResponse<String> response = post(request(3, "tools/list", META.replace(VERSION, "2025-11-25")),
                "MCP-Protocol-Version", "2025-11-25", "Mcp-Method", "tools/list");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(-32022);
        assertThatJson(response.body()).inPath("error.message").asString().contains("initialize");
    }

    @Test
    void aBatchIsNoMessageOfThisRevision() {
        HttpResponse<String> response = modern("tools/list", "[" + request(1, "tools/list", META) + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(-32600);
        assertThatJson(response.body()).inPath("error.data.detail").asString().contains("not a batch");
    }

    @Test
    void aNotificationIsTakenWithoutAnAnswer() {
        HttpResponse<String> response = modern("notifications/cancelled",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,"
                        + META + "}}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void initializeUnderAModernHeaderChoosesTheEarlierEra() {
        HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                + "\"version\":\"1\"}}}", "MCP-Protocol-Version", VERSION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("result.protocolVersion").isEqualTo("2025-11-25");
    }

    @Test
    void initializeWithTheRevisionsMetaIsAMethodItDoesNotHave() {
        HttpResponse<String> response = modern("initialize", request(5, "initialize", META));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(-32601);
        assertThatJson(response.body()).inPath("id").isEqualTo(5);
    }

    @Test
    void withoutATokenTheAnswerIsTheChallengeAsInEveryRevision() {
        HttpResponse<String> response = system.post("/mcp", request(1, "tools/list", META), "Accept",
                "application/json, text/event-stream", "MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("resource_metadata="));
    }
}
