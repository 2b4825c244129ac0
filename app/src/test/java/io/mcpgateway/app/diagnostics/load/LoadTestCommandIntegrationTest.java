package io.mcpgateway.app.diagnostics.load;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.app.diagnostics.RunningSystem;
import io.mcpgateway.testsupport.FixedAnswerServer;

/** {@code load-test} against a running system over the real data set, and against broken targets. */
@Timeout(90)
class LoadTestCommandIntegrationTest {

    @RegisterExtension
    static final RunningSystem system = new RunningSystem();

    @Nested
    class AgainstTheGateway {

        @Test
        void theGuidesDistrictSearchWithATokenFromTheTokenEndpointAllSucceeds() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token-endpoint",
                    system.tokenEndpoint(), "--client-id", RunningSystem.CLIENT_ID, "--client-secret",
                    RunningSystem.CLIENT_SECRET, "--concurrency", "4", "--requests", "40");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines().get(0)).isEqualTo("Load test: 40 POST requests to " + system.gatewayUrl()
                    + "/api/v1/restaurants/search/district, 4 at a time");
            assertThat(run.line("Requests:")).isEqualTo("Requests:    40 (40 succeeded, 0 failed)");
            assertThat(run.line("Success:")).isEqualTo("Success:     100.00%");
            assertThat(run.line("Throughput:")).matches("Throughput: +\\d+\\.\\d requests/s");
            assertThat(run.line("Latency:")).matches("Latency: +min \\S+  p50 \\S+  p90 \\S+  p99 \\S+  max \\S+ ms"
                    + " \\(40 answered requests\\)");
            assertThat(run.out()).contains("Latency histogram:\n").doesNotContain("Errors:");
            assertThat(run.lines()).anyMatch(l -> l.matches(" +\\S+ - \\S+ +ms +\\| #+ +\\| \\d+"));
            assertThat(run.lines()).last().isEqualTo("✅ success rate 100.00% reaches --min-success 99.00%");
            assertThat(run.err()).contains("load-test 100% (40/40)");
        }

        @Test
        void aBadTokenFailsEveryRequestAndTheErrorsAreGroupedByStatusTypeAndCode() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token", "not-a-jwt",
                    "--requests", "15");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("Errors:\n  HTTP 401 AuthenticationError (MALFORMED): 15\n");
            assertThat(run.lines()).last().isEqualTo("❌ success rate 0.00% is below --min-success 99.00%");
        }

        @Test
        void aLowEnoughMinimumSuccessRateLetsFailuresPass() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--requests", "5",
                    "--min-success", "0");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("HTTP 401 AuthenticationError (MISSING_TOKEN): 5");
            assertThat(run.err()).as("said before the run").startsWith("warning: no token (--token or"
                    + " --token-endpoint): the requests carry no Authorization");
        }

        @Test
        void aDurationBoundsTheRunInTime() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--endpoint", "/health",
                    "--method", "GET", "--duration", "300ms", "--concurrency", "2");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines().get(0)).isEqualTo("Load test: GET requests for 300 ms to " + system.gatewayUrl()
                    + "/health, 2 at a time");
            assertThat(run.line("Duration:")).matches("Duration: +0\\.[3-9]\\d s|Duration: +[1-9]\\.\\d\\d s");
        }

        @Test
        void headersAreSentWithEveryRequestAndReplaceTheDefaults() {
            CommandRun mcp = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token", system.accessToken(),
                    "--endpoint", "/mcp", "--body", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                    "--header", "Accept: application/json, text/event-stream", "--header", "Cache-Control: no-cache",
                    "--requests", "6", "--concurrency", "2");
            CommandRun wrongType = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token",
                    system.accessToken(), "--header", "Content-Type: text/plain", "--requests", "3", "--min-success",
                    "0");

            assertThat(mcp.exitCode()).as(mcp.toString()).isZero();
            assertThat(mcp.line("Requests:")).isEqualTo("Requests:    6 (6 succeeded, 0 failed)");
            assertThat(wrongType.out()).as(wrongType.toString()).contains("HTTP 415");
        }

        @Test
        void jsonCarriesTheSameNumbers() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token", system.accessToken(),
                    "--endpoint", "/api/v1/restaurants/search/meal-type", "--body", "{\"meal_types\": [\"lunch\"]}",
                    "--requests", "10", "--concurrency", "2", "--json");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThatJson(run.out()).inPath("requests").isEqualTo(10);
            assertThatJson(run.out()).inPath("succeeded").isEqualTo(10);
            assertThatJson(run.out()).inPath("success_rate").isEqualTo(1.0);
            assertThatJson(run.out()).inPath("passed").isEqualTo(true);
            assertThatJson(run.out()).inPath("latency.count").isEqualTo(10);
            assertThatJson(run.out()).inPath("errors").isObject().isEmpty();
            assertThatJson(run.out()).inPath("histogram").isArray().isNotEmpty();
        }
    }

    @Nested
    class BrokenTargets {

        @Test
        void nothingListeningIsCountedAsConnectionRefused() {
            CommandRun run = CommandRun.of("load-test", "--url", "http://127.0.0.1:1", "--requests", "6",
                    "--concurrency", "2");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("Latency:")).isEqualTo("Latency:     no request was answered");
            assertThat(run.out()).contains("  connection refused by 127.0.0.1:1 (is anything listening there?): 6\n");
        }

        @ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "a web page|<html>welcome</html>|HTTP 200 with a body that is not JSON",
            "JSON cut short|{\"success\": true, \"data\": {|HTTP 200 with a body that is not JSON",
            "two JSON values|{} {}|HTTP 200 with a body that is not JSON",
            "a JSON-RPC error|{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"x\"}}"
                    + "|HTTP 200 JSON-RPC error -32602",
            "a tool's error|{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"isError\":true}}"
                    + "|HTTP 200 tool error (isError)",
            "an error envelope|{\"success\":false,\"error\":{\"type\":\"ValidationError\"}}"
                    + "|HTTP 200 with success false"})
        void aSuccessStatusWhoseBodyIsNoSuccessIsAFailure(String what, String body, String kind) {
            try (FixedAnswerServer target = new FixedAnswerServer().answer("/", 200, body)) {
                CommandRun run = CommandRun.of("load-test", "--url", target.url(), "--endpoint", "/", "--token", "t",
                        "--requests", "4", "--concurrency", "2");

                assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
                assertThat(run.line("Requests:")).isEqualTo("Requests:    4 (0 succeeded, 4 failed)");
                assertThat(run.out()).contains("  " + kind + ": 4\n");
            }
        }

        @Test
        void aToolResultOrAnEmptyNoContentIsASuccess() {
            try (FixedAnswerServer target = new FixedAnswerServer()
                    .answer("/mcp", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],"
                            + "\"isError\":false,\"structuredContent\":{\"error\":null,\"success\":false}}}")
                    .answer("/none", 204, "")) {
                for (String endpoint : new String[] {"/mcp", "/none"}) {
                    CommandRun run = CommandRun.of("load-test", "--url", target.url(), "--endpoint", endpoint,
                            "--token", "t", "--requests", "3");

                    assertThat(run.exitCode()).as(run.toString()).isZero();
                    assertThat(run.line("Requests:")).as(endpoint).isEqualTo("Requests:    3 (3 succeeded, 0 failed)");
                }
            }
        }

        @Test
        void aTokenEndpointThatRefusesTheClientStopsBeforeAnyRequest() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token-endpoint",
                    system.tokenEndpoint(), "--client-id", RunningSystem.CLIENT_ID, "--client-secret", "wrong");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("error: the token endpoint " + system.tokenEndpoint()
                    + " refused: HTTP 401 invalid_client");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void aTokenEndpointThatAnswersAWebPageIsSaidToGiveNoToken() {
            try (FixedAnswerServer page = new FixedAnswerServer().answer("/", 200, "<html>welcome</html>")) {
                String endpoint = page.url() + "/";
                CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token-endpoint",
                        endpoint, "--client-id", RunningSystem.CLIENT_ID, "--client-secret", "secret");

                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(run.err()).contains("error: the token endpoint " + endpoint + " answered HTTP 200 without"
                        + " an access_token (not JSON): is it the token endpoint?").doesNotContain("refused");
            }
        }

        @Test
        void aClientIdWithoutATokenEndpointIsAUsageError() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--client-id",
                    RunningSystem.CLIENT_ID, "--client-secret", RunningSystem.CLIENT_SECRET);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--client-id needs --token-endpoint");
        }

        @Test
        void bothATokenAndATokenEndpointIsAUsageError() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token", "t",
                    "--token-endpoint", system.tokenEndpoint());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("give either --token or --token-endpoint, not both");
        }

        @Test
        void aBodyThatIsNotJsonIsAUsageError() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--body", "{districts");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--body is not JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "-0.1", "1.5"})
        void aMinimumSuccessRateThatIsNoRateIsAUsageError(String rate) {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--min-success", rate);

            assertThat(run.exitCode()).as(rate).isEqualTo(2);
            assertThat(run.err()).contains("--min-success must be between 0 and 1");
        }

        @Test
        void aHeaderTheClientSetsItselfOrAValueWithALineBreakIsAUsageError() {
            // not Host: tests that send one let the JDK's client of this JVM set it
            // (jdk.httpclient.allowRestrictedHeaders)
            CommandRun host = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--header", "Connection: close");
            CommandRun lineBreak = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--header",
                    "X-Key: sk-live-SECRET\r\nX-Other: 1");

            assertThat(host.exitCode()).as(host.toString()).isEqualTo(2);
            assertThat(host.err()).contains("--header Connection is one the HTTP client sets itself");
            assertThat(lineBreak.exitCode()).as(lineBreak.toString()).isEqualTo(2);
            assertThat(lineBreak.err()).contains("--header X-Key has a value with a character no header can hold")
                    .doesNotContain("SECRET");
        }

        @Test
        void aMinimumSuccessRateAboveOneIsAUsageError() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--min-success", "99");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--min-success must be between 0 and 1 (0.99 is 99%) but was 99.0");
        }

        @Test
        void aHeaderWithoutAColonOrAnAuthorizationHeaderIsAUsageError() {
            CommandRun noColon = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--header",
                    "X-API-Key sk-live-SECRETKEY");
            CommandRun authorization = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--header",
                    "Authorization: Bearer sk-live-SECRETHDR");

            assertThat(noColon.exitCode()).isEqualTo(2);
            assertThat(noColon.err()).contains("--header must look like 'Name: value'", "one without a colon")
                    .doesNotContain("SECRETKEY");
            assertThat(authorization.exitCode()).isEqualTo(2);
            assertThat(authorization.err()).contains("use --token").doesNotContain("SECRETHDR");
        }

        @Test
        void aDurationOutOfRangeIsShownAsItWasWritten() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--duration", "0s");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--duration must be between 1ms and 1h but was 0s");
        }

        @Test
        void aUrlWithAPasswordIsRefusedWithoutRepeatingIt() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl().replace("http://",
                    "http://user:pa55word@"));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("a URL with a user name or password").doesNotContain("pa55word");
        }

        @ParameterizedTest
        @ValueSource(strings = {"BAD METHOD", "", "CONNECT", "G\u00c9T"})
        void aMethodNoRequestCanHaveIsAUsageError(String method) {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--method", method);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--method must be an HTTP method such as GET or POST but was '" + method
                    + "'");
        }

        @Test
        void tooManyRequestsIsAUsageError() {
            CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--requests", "1000001");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--requests must be between 1 and 1000000 but was 1000001");
        }
    }
}
