package io.mcpgateway.app.diagnostics.mcp;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.app.diagnostics.RunningSystem;

/** {@code mcp ping|tools|call} against the backends and the gateway's own /mcp, and against what is not there. */
@Timeout(90)
class McpCommandIntegrationTest {

    @RegisterExtension
    static final RunningSystem system = new RunningSystem();

    @Nested
    class Ping {

        @Test
        void aStatelessServerInitialisesAndAnswersWithTimings() {
            CommandRun run = CommandRun.of("mcp", "ping", system.searchMcpUrl());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines()).hasSize(3);
            assertThat(run.lines().get(0)).isEqualTo("MCP server " + system.searchMcpUrl());
            assertThat(run.lines().get(1)).matches("✅ initialize: restaurant-search-mcp 1\\.0\\.0, protocol"
                    + " \\d{4}-\\d\\d-\\d\\d \\([\\d.]+ ms\\)");
            assertThat(run.lines().get(2)).matches("✅ ping: answered \\([\\d.]+ ms\\)");
        }

        @Test
        void aUrlWithoutAPathMeansSlashMcp() {
            String base = system.searchMcpUrl().replace("/mcp", "");

            CommandRun run = CommandRun.of("mcp", "ping", base);

            assertThat(run.exitCode()).isZero();
            assertThat(run.lines().get(0)).isEqualTo("MCP server " + system.searchMcpUrl());
        }

        @Test
        void theGatewaysOwnEndpointWantsAToken() {
            CommandRun run = CommandRun.of("mcp", "ping", system.gatewayUrl() + "/mcp");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ initialize")).startsWith("❌ initialize: HTTP 401: the server wants a bearer token"
                    + " (pass --token)");
        }

        @Test
        void aTokenTheGatewayRefusesIsSaidToBeRefusedWithTheGatewaysReason() {
            String token = system.accessToken();
            String altered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

            CommandRun run = CommandRun.of("mcp", "ping", system.gatewayUrl() + "/mcp", "--token", altered);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ initialize")).startsWith("❌ initialize: HTTP 401: the server refused the token: ")
                    .doesNotContain("pass --token");
        }

        @Test
        void aTimeoutBelowOneMillisecondIsAUsageError() {
            for (String timeout : new String[] {"0", "-5"}) {
                CommandRun run = CommandRun.of("mcp", "ping", system.searchMcpUrl(), "--timeout-ms", timeout);

                assertThat(run.exitCode()).isEqualTo(2);
                assertThat(run.toString()).contains("--timeout-ms must be at least 1 but was " + timeout);
            }
        }

        @Test
        void theGatewaysOwnEndpointAnswersWithAToken() {
            CommandRun run = CommandRun.of("mcp", "ping", system.gatewayUrl() + "/mcp", "--token",
                    system.accessToken());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("✅ ping")).startsWith("✅ ping: answered");
        }

        @Test
        void nothingListeningIsAConnectionRefused() {
            CommandRun run = CommandRun.of("mcp", "ping", "http://127.0.0.1:1/mcp", "--timeout-ms", "3000");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ initialize")).startsWith("❌ initialize: connection refused by 127.0.0.1:1 (is"
                    + " anything listening there?)");
        }

        @Test
        void aNameThatDoesNotResolveIsAnUnknownHost() {
            CommandRun run = CommandRun.of("mcp", "ping", "http://gateway.invalid/mcp", "--timeout-ms", "3000");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ initialize")).startsWith("❌ initialize: unknown host gateway.invalid");
        }

        @Test
        void aPathWithNoMcpServerShowsTheHttpStatus() {
            CommandRun run = CommandRun.of("mcp", "ping", system.searchMcpUrl().replace("/mcp", "/nope"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ initialize")).contains("404");
        }

        @Test
        void anEndpointThatIsNoMcpServerIsSaidToBeOneWithItsStatus() {
            CommandRun run = CommandRun.of("mcp", "ping", system.gatewayUrl() + "/health");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ initialize")).startsWith("❌ initialize: HTTP 405: not an MCP answer: ")
                    .doesNotContain("Received unexpected status code");
        }
    }

    @Nested
    class Tools {

        @Test
        void eachToolIsListedWithItsDescriptionAndInputSchema() {
            CommandRun run = CommandRun.of("mcp", "tools", system.searchMcpUrl());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("✅ tools/list")).matches("✅ tools/list: 4 tools \\([\\d.]+ ms\\)");
            assertThat(run.lines()).anyMatch(l -> l.startsWith("search_restaurants_by_district"))
                    .anyMatch(l -> l.startsWith("list_districts"));
            assertThat(run.out()).contains("  input schema:\n    {\n      \"type\" : \"object\",")
                    .contains("\"districts\" : {");
        }

        @Test
        void theGatewayListsTheToolsOfEveryBackend() {
            CommandRun run = CommandRun.of("mcp", "tools", system.gatewayUrl() + "/mcp", "--token",
                    system.accessToken());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("✅ tools/list")).startsWith("✅ tools/list: 6 tools");
            assertThat(run.lines()).anyMatch(l -> l.startsWith("recommend_restaurants"));
        }
    }

    @Nested
    class Call {

        @Test
        void aToolsResultIsPrettyPrinted() {
            CommandRun run = CommandRun.of("mcp", "call", system.searchMcpUrl(), "search_restaurants_by_district",
                    "--args", "{\"districts\": [\"Central district\"], \"limit\": 1}");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("✅ tools/call")).matches("✅ tools/call search_restaurants_by_district: succeeded"
                    + " \\([\\d.]+ ms\\)");
            assertThat(run.out()).contains("Result:\n  {\n    \"success\" : true,").contains("\"total_count\" : 63");
        }

        @Test
        void aResultMarkedIsErrorFailsAndIsShown() {
            CommandRun run = CommandRun.of("mcp", "call", system.searchMcpUrl(), "search_restaurants_by_district",
                    "--args", "{\"districts\": [\"Atlantis\"]}");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ result")).isEqualTo("❌ result: the tool reported an error (isError); its answer"
                    + " follows");
            assertThat(run.out()).contains("\"type\" : \"ValidationError\"").contains("Invalid districts: ['Atlantis']");
        }

        @Test
        void anUnknownToolIsTheServersJsonRpcError() {
            CommandRun run = CommandRun.of("mcp", "call", system.searchMcpUrl(), "no_such_tool");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ tools/call no_such_tool")).contains("JSON-RPC error -32602: Unknown tool:"
                    + " no_such_tool");
        }

        @Test
        void argumentsThatAreNotAJsonObjectAreAUsageError() {
            CommandRun run = CommandRun.of("mcp", "call", system.searchMcpUrl(), "list_districts", "--args", "[1]");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--args must be a JSON object");
        }
    }

    @Test
    void mcpWithoutASubcommandIsAUsageErrorListingThem() {
        CommandRun run = CommandRun.of("mcp");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mcp needs a subcommand: ping, tools, call")
                .contains("Usage: mcp-tools-gateway mcp");
    }
}
