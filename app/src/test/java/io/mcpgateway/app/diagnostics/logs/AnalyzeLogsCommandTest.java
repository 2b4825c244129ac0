package io.mcpgateway.app.diagnostics.logs;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.app.diagnostics.CommandRun;

/** {@code analyze-logs} on lines in the gateway's JSON format (logback's JsonEncoder), written by the test. */
class AnalyzeLogsCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** One line as the gateway writes it with LOG_FORMAT=JSON. */
    private static String line(long second, String level, String logger, String message, String mdc) {
        return "{\"timestamp\":" + T0.plusSeconds(second).toEpochMilli() + ",\"level\":\"" + level
                + "\",\"threadName\":\"JettyServerThreadPool-Virtual-7\",\"loggerName\":\"" + logger
                + "\",\"mdc\": {" + mdc + "},\"formattedMessage\":\"" + message + "\",\"throwable\":null}";
    }

    private static String access(long second, String request, int status, double millis, String requestId,
            String caller, String more) {
        String mdc = "\"duration_ms\":\"" + millis + "\",\"route\":\"\\/api\",\"request_id\":\"" + requestId
                + "\",\"status\":\"" + status + "\"" + (caller == null ? "" : ",\"caller\":\"" + caller + "\"")
                + (more.isEmpty() ? "" : "," + more);
        return line(second, "INFO", "access", request + " " + status + " " + millis + "ms", mdc);
    }

    private static List<String> sample() {
        List<String> lines = new ArrayList<>();
        lines.add("MCP Tools Gateway is running");
        lines.add(line(0, "INFO", "io.mcpgateway.gateway.GatewayServer", "Gateway listening", ""));
        lines.add(access(1, "POST \\/api\\/v1\\/restaurants\\/search\\/district", 200, 12.5, "r-1", "alice", ""));
        lines.add(access(2, "POST \\/api\\/v1\\/restaurants\\/search\\/district", 200, 250.0, "r-2", "alice", ""));
        lines.add(access(3, "POST \\/api\\/v1\\/restaurants\\/recommend", 200, 40.0, "r-3", "bob", ""));
        lines.add(line(4, "INFO", "io.mcpgateway.gateway.auth.BearerAuthenticator",
                "Authentication failed on POST \\/api\\/v1\\/restaurants\\/recommend: expired (a token of sub 'carol',"
                        + " client 'dev-client')", "\"request_id\":\"r-4\""));
        lines.add(access(4, "POST \\/api\\/v1\\/restaurants\\/recommend", 401, 1.0, "r-4", null,
                "\"error_type\":\"AuthenticationError\",\"error_code\":\"EXPIRED\""));
        lines.add(line(5, "INFO", "io.mcpgateway.gateway.auth.BearerAuthenticator",
                "Authentication failed on POST \\/api\\/v1\\/restaurants\\/recommend: malformed", ""));
        lines.add(access(5, "POST \\/api\\/v1\\/restaurants\\/recommend", 401, 1.1, "r-5", null,
                "\"error_type\":\"AuthenticationError\",\"error_code\":\"MALFORMED\""));
        lines.add(line(6, "INFO", "io.mcpgateway.gateway.auth.BearerAuthenticator",
                "Authentication failed on GET \\/mcp: expired", ""));
        lines.add(access(7, "POST \\/api\\/v1\\/restaurants\\/search\\/district", 400, 3.0, "r-7", "alice",
                "\"error_type\":\"ValidationError\",\"error_code\":\"SCHEMA_VIOLATION\""));
        lines.add(access(8, "POST \\/api\\/v1\\/restaurants\\/search\\/district", 429, 0.5, "r-8", "alice",
                "\"rate_limit\":\"burst\",\"error_type\":\"RateLimitError\",\"error_code\":\"RATE_LIMIT_EXCEEDED\""));
        lines.add(line(9, "WARN", "io.mcpgateway.gateway.backend.DirectToolInvoker",
                "Backend call recommend_restaurants on 'restaurant-reasoning' failed: backend"
                        + " 'restaurant-reasoning' refused the connection", ""));
        lines.add(line(10, "WARN", "io.mcpgateway.gateway.backend.DirectToolInvoker",
                "Backend call search_restaurants_by_district on 'restaurant-search' failed: backend"
                        + " 'restaurant-search' did not answer within 30000 ms", ""));
        lines.add(access(10, "POST \\/api\\/v1\\/restaurants\\/recommend", 503, 5.0, "r-10", "bob",
                "\"error_type\":\"ServiceUnavailableError\",\"error_code\":\"BACKEND_UNAVAILABLE\""));
        lines.add(line(11, "WARN", "io.mcpgateway.gateway.backend.BreakerTransitions",
                "Circuit breaker 'restaurant-reasoning' changed from CLOSED to OPEN: calls fail fast for 30 s", ""));
        lines.add(line(41, "INFO", "io.mcpgateway.gateway.backend.BreakerTransitions",
                "Circuit breaker 'restaurant-reasoning' changed from OPEN to HALF_OPEN", ""));
        lines.add(line(12, "WARN", "io.mcpgateway.gateway.health.BackendHealthMonitor",
                "Backend 'restaurant-reasoning' is unhealthy: connection refused", ""));
        lines.add(line(13, "ERROR", "io.mcpgateway.gateway.error.ErrorRenderer", "Unexpected failure on GET \\/x", ""));
        lines.add("\tat java.base/java.lang.Thread.run(Thread.java:1583)");
        lines.add("{\"not\": \"a log line\"}");
        return lines;
    }

    private Path log(List<String> lines) throws IOException {
        return Files.write(dir.resolve("gateway.log"), lines, StandardCharsets.UTF_8);
    }

    private static CommandRun analyze(String... args) {
        return CommandRun.with(new AnalyzeLogsCommand(CLOCK, InputStream.nullInputStream()), args);
    }

    @Nested
    class Text {

        @Test
        void everySectionCountsWhatTheLinesSay() throws IOException {
            CommandRun run = analyze(log(sample()).toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines().get(0)).endsWith("gateway.log: 21 lines, 18 gateway log lines counted,"
                    + " 3 other lines");
            assertThat(run.line("Period:")).isEqualTo("Period: 2026-11-23T22:00:00Z to 2026-11-23T22:00:41Z (41 s)");
            assertThat(run.line("Requests:")).isEqualTo("Requests: 8 (by status: 200 x 3, 400 x 1, 401 x 2, 429 x 1,"
                    + " 503 x 1)");
            assertThat(run.line("Latency:")).isEqualTo("Latency: min 0.50  p50 3.00  p90 250  p99 250  max 250 ms");
            assertThat(run.out()).contains("""
                    Slowest requests:
                      250 ms  POST /api/v1/restaurants/search/district 200  request_id r-2  caller alice
                      40.0 ms  POST /api/v1/restaurants/recommend 200  request_id r-3  caller bob
                      12.5 ms  POST /api/v1/restaurants/search/district 200  request_id r-1  caller alice
                    """);
            assertThat(run.out()).contains("""
                    Busiest callers:
                      alice: 4 requests
                      bob: 2 requests
                    Authentication failures: 3
                      expired: 2
                      malformed: 1
                      by token holder: carol (client dev-client) x 1
                    Validation errors: 1
                      SCHEMA_VIOLATION: 1
                    Backend call failures: 2
                      restaurant-reasoning unavailable: 1
                      restaurant-search timeout: 1
                    Requests answered 502/503/504: 1
                      503 BACKEND_UNAVAILABLE: 1
                    Rate-limit rejections: 1
                      burst: 1
                      by caller: alice x 1
                    Circuit breaker transitions: 2
                      2026-11-23T22:00:11Z  restaurant-reasoning CLOSED -> OPEN
                      2026-11-23T22:00:41Z  restaurant-reasoning OPEN -> HALF_OPEN
                    Backend health changes: 1
                      2026-11-23T22:00:12Z  restaurant-reasoning unhealthy: connection refused
                    Warnings: 4, errors: 1
                    Most frequent warnings and errors (5 distinct):
                      ERROR x 1: Unexpected failure on GET /x
                    """);
        }

        @Test
        void anMcpToolCallTheGatewayFailedInsideA200CountsAsTheFailureItStandsFor() throws IOException {
            CommandRun run = analyze(log(List.of(access(1, "POST \\/mcp", 200, 2.5, "m-1", "alice",
                    "\"error_type\":\"ServiceUnavailableError\",\"error_code\":\"CIRCUIT_OPEN\","
                            + "\"error_status\":\"503\""),
                    access(2, "POST \\/mcp", 200, 3.0, "m-2", "alice",
                            "\"error_type\":\"ValidationError\",\"error_code\":\"SCHEMA_VIOLATION\","
                                    + "\"error_status\":\"400\""))).toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("""
                    Validation errors: 1
                      SCHEMA_VIOLATION (in a 200 of /api): 1
                    """).contains("""
                    Requests answered 502/503/504: 1
                      503 CIRCUIT_OPEN (in a 200 of /api): 1
                    """);
        }

        @Test
        void aFailedAnswerCountsAsItsOwnStatusWhateverToolFailureItNotedBefore() throws IOException {
            CommandRun run = analyze(log(List.of(access(1, "POST \\/mcp", 503, 2.5, "m-1", "alice",
                    "\"error_type\":\"ServiceUnavailableError\",\"error_code\":\"BACKEND_UNAVAILABLE\","
                            + "\"error_status\":\"400\""))).toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("Validation errors:")).isEqualTo("Validation errors: none");
            assertThat(run.out()).contains("""
                    Requests answered 502/503/504: 1
                      503 BACKEND_UNAVAILABLE: 1
                    """);
        }

        @Test
        void sinceSkipsEarlierLinesAndSaysHowMany() throws IOException {
            CommandRun run = analyze(log(sample()).toString(), "--since", "2026-11-23T22:00:09Z");

            assertThat(run.exitCode()).isZero();
            assertThat(run.lines().get(0)).endsWith("21 lines, 7 gateway log lines counted, 3 other lines,"
                    + " 11 before 2026-11-23T22:00:09Z skipped");
            assertThat(run.line("Requests:")).isEqualTo("Requests: 1 (by status: 503 x 1)");
            assertThat(run.line("Authentication failures:")).isEqualTo("Authentication failures: none");
        }

        @Test
        void sinceAlsoTakesASpanBackFromNow() throws IOException {
            // The clock stands at T0 + 1 h, so 3570 s back is T0 + 30 s: only the line logged at T0 + 41 s is left.
            CommandRun run = analyze(log(sample()).toString(), "--since", "3570s");

            assertThat(run.exitCode()).isZero();
            assertThat(run.lines().get(0)).contains(", 1 gateway log line counted,");
        }

        @Test
        void withJsonAFailureIsSaidAsJsonToo() throws IOException {
            CommandRun run = analyze(log(List.of()).toString(), "--json");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThatJson(run.out()).inPath("error").asString().endsWith("is empty: no log lines to analyse");
            assertThat(run.err()).contains("is empty: no log lines to analyse");
        }

        @Test
        void aSpanReachingBackBefore1970IsAUsageError() throws IOException {
            CommandRun run = analyze(log(sample()).toString(), "--since", "99999999d");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--since '99999999d' reaches back before 1970");
        }

        @Test
        void aTimestampNoLogCanHaveLeavesThePeriodAlone() throws IOException {
            List<String> lines = new ArrayList<>(sample());
            lines.add(lines.get(2).replaceFirst("\"timestamp\":\\d+", "\"timestamp\":-100000000000000000"));

            CommandRun run = analyze(log(lines).toString());

            assertThat(run.line("Period:")).isEqualTo("Period: 2026-11-23T22:00:00Z to 2026-11-23T22:00:41Z (41 s)");
        }

        @Test
        void logsFromStandardInputAreReadToo() {
            byte[] input = String.join("\n", sample()).getBytes(StandardCharsets.UTF_8);

            CommandRun run = CommandRun.with(new AnalyzeLogsCommand(CLOCK, new ByteArrayInputStream(input)), "-");

            assertThat(run.exitCode()).isZero();
            assertThat(run.lines().get(0)).startsWith("Log analysis of standard input: 21 lines");
        }
    }

    @Test
    void textLogsAreReadToo() throws IOException {
        CommandRun run = analyze(log(List.of("MCP Tools Gateway is running",
                "22:48:42.123 INFO  [JettyServerThreadPool-Virtual-7] access - GET /health 200 1.2ms [r-1]",
                "22:48:43.456 INFO  [JettyServerThreadPool-Virtual-9] access - POST /mcp 200 CIRCUIT_OPEN 2.5ms [r-2]",
                "22:48:44.000 WARN  [] i.m.g.h.BackendHealthMonitor - Backend 'restaurant-search' is unhealthy:"
                        + " connection refused")).toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines().get(0)).endsWith("gateway.log: 4 lines, 3 gateway log lines counted, 1 other line");
        assertThat(run.line("Requests:")).isEqualTo("Requests: 2 (by status: 200 x 2)");
        assertThat(run.out()).contains("  2.50 ms  POST /mcp 200 CIRCUIT_OPEN  request_id r-2\n")
                .contains("Backend health changes: 1\n  22:48:44.000  restaurant-search unhealthy: connection"
                        + " refused\n");
    }

    @Test
    void jsonCarriesTheSameCounts() throws IOException {
        CommandRun run = analyze(log(sample()).toString(), "--json");

        assertThat(run.exitCode()).isZero();
        assertThatJson(run.out()).inPath("lines").isEqualTo("{\"total\":21,\"counted\":18,\"unparsed\":3,"
                + "\"before_since\":0}");
        assertThatJson(run.out()).inPath("requests.by_status").isEqualTo("{\"200\":3,\"400\":1,\"401\":2,\"429\":1,"
                + "\"503\":1}");
        assertThatJson(run.out()).inPath("requests.slowest[0].request_id").isEqualTo("r-2");
        assertThatJson(run.out()).inPath("requests.busiest_callers").isEqualTo("{\"alice\":4,\"bob\":2}");
        assertThatJson(run.out()).inPath("auth_failures").isEqualTo("{\"total\":3,\"by_reason\":{\"expired\":2,"
                + "\"malformed\":1},\"by_client_ip\":{},\"by_token_holder\":{\"carol (client dev-client)\":1}}");
        assertThatJson(run.out()).inPath("rate_limited.total").isEqualTo(1);
        assertThatJson(run.out()).inPath("circuit_breaker_transitions.events[*].change").isArray()
                .containsExactly("CLOSED -> OPEN", "OPEN -> HALF_OPEN");
        assertThatJson(run.out()).inPath("errors").isEqualTo(1);
    }

    @Nested
    class UnusableInput {

        @Test
        void anEmptyFileIsAClearError() throws IOException {
            CommandRun run = analyze(log(List.of()).toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("error: " + dir.resolve("gateway.log") + " is empty: no log lines to"
                    + " analyse");
        }

        @Test
        void aMissingFileIsAClearError() {
            CommandRun run = analyze(dir.resolve("absent.log").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("error: cannot read " + dir.resolve("absent.log") + ": no such file");
        }

        @Test
        void aDirectoryIsAClearError() {
            CommandRun run = analyze(dir.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("error: cannot read " + dir + ": it is a directory");
        }

        @Test
        void aFileWithoutGatewayLogLinesIsAClearError() throws IOException {
            CommandRun run = analyze(log(List.of("MCP Tools Gateway is running",
                    "\tat java.base/java.lang.Thread.run(Thread.java:1583)")).toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("holds 2 lines but no gateway log line (JSON, or text as 22:48:42.123 INFO "
                    + " [main] access - ...): analyse the gateway's own output");
        }

        @Test
        void aSinceThatIsNeitherATimeNorASpanIsAUsageError() throws IOException {
            CommandRun run = analyze(log(sample()).toString(), "--since", "yesterday");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--since 'yesterday' is neither a time");
        }
    }
}
