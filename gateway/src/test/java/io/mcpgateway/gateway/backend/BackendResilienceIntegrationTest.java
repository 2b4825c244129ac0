package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_UPDATE;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.BETA_LOOKUP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;
import io.mcpgateway.gateway.error.ErrorRenderer;

/**
 * Fault injection through the whole gateway: backends that are slow, hang, fail once, flap or die, and what callers,
 * the backends, {@code /health}, {@code /metrics} and the logs see.
 */
@Timeout(120)
class BackendResilienceIntegrationTest {

    /** No breaker trips in tests that are about something else. */
    private static final String BREAKER_OFF = "minimum_calls: 10000, sliding_window_size: 10000";

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThatJson(response.body()).inPath("success").isEqualTo(false);
        assertThatJson(response.body()).inPath("error.type").isEqualTo(type);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(code);
    }

    @Nested
    class Timeouts {

        /** Scheduling slack allowed past a timeout; the bound itself is what the test is about. */
        private static final long MARGIN_MS = 1_500;

        /** Calls alpha's lookup and checks it answered 504 for {@code limitMs}, no sooner and not much later. */
        private static void assertTimesOutAfter(FaultInjectionGateway env, long limitMs) {
            long start = System.nanoTime();
            HttpResponse<String> response = env.post(ALPHA_LOOKUP);
            long took = millisSince(start);

            assertError(response, 504, "TimeoutError", "BACKEND_TIMEOUT");
            assertThatJson(response.body()).inPath("error.details.timeout_ms").isEqualTo(limitMs);
            assertThat(took).isBetween(limitMs, limitMs + MARGIN_MS);
        }

        @Test
        void slowBackendAnswers504WithinTheRequestTimeoutAndIsNotRetried() {
            try (var env = new FaultInjectionGateway(300, 1000,
                    "{max_attempts: 3, retry_budget_percent: 100, " + BREAKER_OFF + "}")) {
                env.alpha.always(Behaviour.slow(Duration.ofSeconds(30)));

                assertTimesOutAfter(env, 300);
                assertThat(env.alpha.calls("lookup")).as("a timeout is not retried").isEqualTo(1);
            }
        }

        @Test
        void aCallThatTimedOutIsCancelledOnABackendThatKeepsSessions() {
            try (var env = new FaultInjectionGateway(300, 1000, "{" + BREAKER_OFF + "}", "", Map.of(), "",
                    server -> server.requireSessions())) {
                env.alpha.always(Behaviour.hang());

                assertTimesOutAfter(env, 300);

                long callId = env.alpha.callIds().getLast();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.alpha.notices())
                        .contains("notifications/cancelled {\"requestId\":" + callId + ",\"reason\":\"the gateway's"
                                + " time for the call ran out\"} in session-1"));
            }
        }

        @Test
        void cancelNoticesABackendDoesNotAnswerLeaveItsConnectionsToTheCallsAfterThem() throws Exception {
            try (var env = new FaultInjectionGateway(300, 1000, "{" + BREAKER_OFF + "}", ", max_connections: 4",
                    Map.of(), "", server -> server.requireSessions().holdCancelNotices());
                    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                env.alpha.always(Behaviour.hang());
                List<Future<HttpResponse<String>>> calls = IntStream.range(0, 4)
                        .mapToObj(i -> callers.submit(() -> env.post(ALPHA_LOOKUP))).toList();
                for (Future<HttpResponse<String>> call : calls) {
                    assertError(call.get(20, TimeUnit.SECONDS), 504, "TimeoutError", "BACKEND_TIMEOUT");
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> env.alpha.notices().stream()
                        .anyMatch(notice -> notice.startsWith("notifications/cancelled")));

                env.alpha.always(Behaviour.answer());

                // the notices hang for up to 5 s each: four of them would hold every connection meanwhile
                assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
                assertThat(env.alpha.notices()).filteredOn(notice -> notice.startsWith("notifications/cancelled"))
                        .hasSize(1);
            }
        }

        @Test
        void totalTimeoutCutsAnAttemptThatWouldOutlastIt() {
            try (var env = new FaultInjectionGateway(20_000, 600, "{" + BREAKER_OFF + "}")) {
                env.alpha.always(Behaviour.hang());

                assertTimesOutAfter(env, 600);
            }
        }

        @Test
        void identicalCallsToAHangingBackendAllTimeOutWithinOneTotalTimeout() throws Exception {
            int totalTimeoutMs = 2_500;
            try (var env = new FaultInjectionGateway(20_000, totalTimeoutMs, "{" + BREAKER_OFF + "}", "", Map.of(),
                    "cache: {enabled: true}");
                    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                env.alpha.always(Behaviour.hang());
                long start = System.nanoTime();

                List<Future<HttpResponse<String>>> calls = IntStream.range(0, 4)
                        .mapToObj(i -> callers.submit(() -> env.post(ALPHA_LOOKUP))).toList();

                for (Future<HttpResponse<String>> call : calls) {
                    assertError(call.get(20, TimeUnit.SECONDS), 504, "TimeoutError", "BACKEND_TIMEOUT");
                }
                assertThat(millisSince(start)).as("the calls waiting for the first one's do not wait again")
                        .isLessThan(totalTimeoutMs + MARGIN_MS);
            }
        }

        @Test
        void retryGetsOnlyTheTimeLeftBeforeTheTotalTimeout() {
            try (var env = new FaultInjectionGateway(5_000, 800, "{max_attempts: 3, initial_backoff_ms: 1, "
                    + "max_backoff_ms: 1, retry_budget_percent: 100, " + BREAKER_OFF + "}")) {
                env.alpha.next(Behaviour.dropConnection()).always(Behaviour.hang());

                assertTimesOutAfter(env, 800);
                assertThat(env.alpha.calls("lookup")).isEqualTo(2);
            }
        }
    }

    @Nested
    class Retries {

        private FaultInjectionGateway env;

        @BeforeEach
        void start() {
            env = new FaultInjectionGateway(2_000, 5_000, "{max_attempts: 3, initial_backoff_ms: 10, "
                    + "max_backoff_ms: 50, retry_budget_percent: 100, " + BREAKER_OFF + "}");
        }

        @AfterEach
        void stop() {
            env.close();
        }

        /** Sooner would be refused again and add to its load; its callers are told its time, not the default 5 s. */
        @Test
        void aBackendAskingToBeCalledLaterIsNotRetriedSoonerAndItsCallerIsToldWhen() {
            env.alpha.always(Behaviour.httpStatus(503, "120"));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("120");
            assertThatJson(response.body()).inPath("error.details.retry_after_seconds").isEqualTo(120);
            assertThat(env.alpha.calls("lookup")).as("not retried within the call").isEqualTo(1);
            assertThatJson(env.get("/metrics").body()).inPath("resilience.alpha.retries_refused_by_retry_after")
                    .isEqualTo(1);

            env.alpha.always(Behaviour.httpStatus(429, "30"));
            HttpResponse<String> limited = env.post(ALPHA_LOOKUP);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
            assertThatJson(limited.body()).inPath("error.message").asString().contains("limiting its calls");
        }

        @Test
        void aShortRetryAfterIsWaitedBeforeTheRetry() {
            env.alpha.next(Behaviour.httpStatus(503, "0"));

            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.alpha.calls("lookup")).isEqualTo(2);
        }

        @Test
        void serverErrorIsRetriedAndSucceedsForReadOnlyTool() {
            env.alpha.next(Behaviour.httpStatus(500));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.call").isEqualTo(2);
            assertThat(env.alpha.calls("lookup")).isEqualTo(2);
            assertThatJson(env.get("/metrics").body()).inPath("resilience.alpha.retries").isEqualTo(1);
        }

        @Test
        void droppedConnectionIsRetriedAndSucceedsForReadOnlyTool() {
            env.alpha.next(Behaviour.dropConnection());

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(env.alpha.calls("lookup")).isEqualTo(2);
        }

        @Test
        void anAnswerTooLargeIsNotRetried() {
            try (var small = new FaultInjectionGateway(2_000, 5_000, "{max_attempts: 3, initial_backoff_ms: 10, "
                    + "max_backoff_ms: 50, retry_budget_percent: 100, " + BREAKER_OFF + "}",
                    ", max_response_bytes: 65536", Map.of())) {
                small.alpha.always(Behaviour.largeAnswer(200_000));

                HttpResponse<String> response = small.post(ALPHA_LOOKUP);

                assertError(response, 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
                assertThatJson(response.body()).inPath("error.message").asString()
                        .contains("more than the gateway passes on (max_response_bytes, 65536 bytes)");
                assertThatJson(response.body()).inPath("error.details.max_response_bytes").isEqualTo(65536);
                // asked again it is as large again: one read up to the limit is enough
                assertThat(small.alpha.calls("lookup")).isEqualTo(1);
            }
        }

        @Test
        void toolWithoutReadOnlyHintIsNotRetried() {
            env.alpha.next(Behaviour.httpStatus(500));

            HttpResponse<String> response = env.post(ALPHA_UPDATE);

            assertError(response, 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(env.alpha.calls("update")).isEqualTo(1);
        }

        @Test
        void clientErrorStatusIsNotRetried() {
            env.alpha.next(Behaviour.httpStatus(404));

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
            assertThat(env.alpha.calls("lookup")).isEqualTo(1);
        }

        @Test
        void toolsOwnErrorIsTheAnswerAndIsNotRetried() {
            env.alpha.always(Behaviour.toolError());

            assertError(env.post(ALPHA_LOOKUP), 400, "ValidationError", "TOOL_VALIDATION_ERROR");
            assertThat(env.alpha.calls("lookup")).isEqualTo(1);
        }

        @Test
        void flappingBackendIsRetriedUpToMaxAttemptsWhenTheBudgetHasEarnedIt() {
            IntStream.range(0, 3).forEach(i -> assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200));
            env.alpha.next(Behaviour.httpStatus(503), Behaviour.dropConnection());

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(env.alpha.calls("lookup")).isEqualTo(3 + 3);
        }
    }

    @Nested
    class Budget {

        @Test
        void retryBudgetBoundsTheLoadAnOutageCauses() {
            double ratio = 0.2;
            int requests = 50;
            try (var env = new FaultInjectionGateway(2_000, 5_000, "{max_attempts: 3, initial_backoff_ms: 1, "
                    + "max_backoff_ms: 2, retry_budget_percent: 20, " + BREAKER_OFF + "}")) {
                env.alpha.always(Behaviour.httpStatus(503));

                long started = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
                }
                long floorRetries = 1 + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

                assertThat(env.alpha.calls("lookup")).isGreaterThan(requests)
                        .isLessThanOrEqualTo((int) ((1 + ratio) * requests + floorRetries));
                String metrics = env.get("/metrics").body();
                assertThatJson(metrics).inPath("resilience.alpha.retries").isEqualTo(env.alpha.calls() - requests);
                assertThatJson(metrics).inPath("resilience.alpha.retries_refused_by_budget").isNumber()
                        .isPositive();
            }
        }
    }

    @Nested
    class ToolsOwnErrors {

        private static final String CRASH = "kaboom at com.secret.Db(Db.java:3) password=hunter2\n12:00:00.000 INFO";
        private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}";

        @AutoClose
        private final CapturedLogs logs = CapturedLogs.of(ToolErrors.class, DirectToolInvoker.class,
                ErrorRenderer.class);
        private FaultInjectionGateway env;

        @BeforeEach
        void start() {
            env = new FaultInjectionGateway(2_000, 5_000, "{max_attempts: 3, " + BREAKER_OFF + "}");
        }

        @AfterEach
        void stop() {
            env.close();
        }

        /** The warnings of the tool call, not the answer's (ErrorRenderer's line of each 5xx). */
        private List<String> warnings() {
            return logs.events().stream().filter(e -> e.getLevel() == Level.WARN)
                    .filter(e -> !e.getLoggerName().equals(ErrorRenderer.class.getName()))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Test
        void aToolThatFailsByItselfIsA503NamingItWithoutItsMessageWhichGoesToTheLog() {
            env.alpha.always(Behaviour.toolCrash(CRASH));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 503, "ServiceUnavailableError", "TOOL_FAILED");
            assertThat(response.body()).doesNotContain("kaboom", "secret", "hunter2");
            assertThatJson(response.body()).inPath("error.message").isEqualTo("The tool lookup of backend 'alpha'"
                    + " failed by itself (InternalError); the gateway's log has its message under this request's id");
            assertThatJson(response.body()).inPath("error.details.tool_error_type").isEqualTo("InternalError");
            assertThat(env.alpha.calls("lookup")).as("a tool's own failure is not retried").isEqualTo(1);
            assertThat(warnings()).singleElement().asString().contains("lookup", "alpha")
                    .contains(CRASH.replace('\n', ' ')).doesNotContain("\n");
            assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).as("one WARN, not one per layer")
                    .hasSize(1);
        }

        @Test
        void aBackendFailureIsLoggedOncePerAttemptWithItsCauseNotAgainForTheAnswer() {
            env.alpha.always(Behaviour.httpStatus(502));

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");

            assertThat(warnings()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .startsWith("Backend call lookup on 'alpha' failed (unavailable)"));
            assertThat(logs.events()).filteredOn(e -> e.getLoggerName().equals(ErrorRenderer.class.getName()))
                    .noneMatch(e -> e.getLevel() == Level.WARN);
        }

        @Test
        void aToolErrorPassedOnIsLoggedOnOneLine() {
            String forged = "nothing\n07:31:00.000 INFO  [main] access - POST /config/reload 401 UNAUTHORIZED 1.0ms\r"
                    + "\u2028\u202e";
            env.alpha.always(new FaultyMcpServer.ToolError("NotFoundError", forged, Map.of()));

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "TOOL_FAILED");

            assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).as("said once, where it is met")
                    .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .contains("nothing 07:31:00.000 INFO").doesNotContain("\n", "\r", "\u2028", "\u202e");
        }

        @Test
        void aJsonRpcInternalErrorIsTheToolFailingByItselfItsMessageLoggedOnOneBoundedLine() {
            String forged = "boom\n{\"level\":\"ERROR\",\"message\":\"forged\"}\n" + "E".repeat(200_000);
            env.alpha.always(Behaviour.rpcError(forged));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 503, "ServiceUnavailableError", "TOOL_FAILED");
            assertThat(response.body()).doesNotContain("boom", "forged");
            assertThatJson(response.body()).inPath("error.details.tool_error_type").isEqualTo("InternalError");
            assertThat(env.alpha.calls("lookup")).as("the tool's answer: not retried").isEqualTo(1);
            assertThat(warnings()).singleElement().asString().contains("alpha", "lookup", "boom {\"level\"")
                    .doesNotContain("\n").hasSizeLessThan(2_500);
        }

        @Test
        void invalidParamsFromTheBackendAreTheCallersArgumentsRefusedWithTheBackendsMessage() {
            env.alpha.always(Behaviour.rpcError(-32602, "q must name a known item", Map.of("field", "q")));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 400, "ValidationError", "TOOL_VALIDATION_ERROR");
            assertThatJson(response.body()).inPath("error.message").isEqualTo("q must name a known item");
            assertThatJson(response.body()).inPath("error.details").isEqualTo(
                    "{\"jsonrpc_code\":-32602,\"data\":{\"field\":\"q\"}}");
            assertThat(env.alpha.calls("lookup")).isEqualTo(1);
        }

        @Test
        void aToolTheBackendSaysItDoesNotHaveMakesTheGatewayReadItsToolsAgain() {
            int before = env.alpha.listings();
            env.alpha.always(Behaviour.rpcError(-32602, "Unknown tool: lookup", null));

            assertError(env.post(ALPHA_LOOKUP), 400, "ValidationError", "TOOL_VALIDATION_ERROR");

            await().atMost(Duration.ofSeconds(5)).until(() -> env.alpha.listings() > before);
        }

        @Test
        void refusedCallsRepeatedByACallerDoNotMakeTheGatewayListTheBackendEachTime() throws Exception {
            int before = env.alpha.listings();
            env.alpha.always(Behaviour.rpcError(-32602, "q is not acceptable", null));
            env.post(ALPHA_LOOKUP);
            await().atMost(Duration.ofSeconds(5)).until(() -> env.alpha.listings() > before);
            int afterFirst = env.alpha.listings();

            for (int i = 0; i < 5; i++) {
                env.post(ALPHA_LOOKUP);
                Thread.sleep(700); // past the 2 s between readings of other kinds, by the end
            }

            assertThat(env.alpha.listings()).as("one reading per 30 s for refusals").isEqualTo(afterFirst);
        }

        @Test
        void anotherJsonRpcErrorOfTheToolsIsPassedOnAsItsFailure() {
            env.alpha.always(Behaviour.rpcError(-32001, "the catalogue is being rebuilt", null));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 503, "ServiceUnavailableError", "TOOL_FAILED");
            assertThatJson(response.body()).inPath("error.message")
                    .isEqualTo("The tool lookup failed: the catalogue is being rebuilt");
            assertThatJson(response.body()).inPath("error.details.tool_error_type").isEqualTo("JsonRpcError");
        }

        @Test
        void aJsonRpcErrorSayingTheRequestWasUnusableIsStillTheBackendsFailure() {
            env.alpha.always(Behaviour.rpcError(-32601, "Method not found", null));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
            assertThat(warnings()).singleElement().asString().contains("alpha", "(protocol_error)",
                    "JSON-RPC error -32601");
        }

        /** JSON, but no JSON-RPC 2.0 response, or no CallToolResult: refused, not passed on as data or as a result. */
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "{\"jsonrpc\":\"1.0\",\"id\":ID,\"result\":{\"content\":[],"
                + "\"structuredContent\":{\"success\":true,\"data\":{}}}}",
            "{\"id\":ID,\"result\":{\"content\":[],\"structuredContent\":{\"success\":true,\"data\":{}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"content\":[]},\"error\":{\"code\":1,\"message\":\"both\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"content\":\"notalist\"}}",
            "{\"hello\":\"world\"}"})
        void anAnswerThatIsNoJsonRpcResponseOrNoToolResultIsABrokenAnswer(String message) {
            env.alpha.always(Behaviour.rawMessage(message));

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
            assertThatJson(env.postMcp(CALL).body()).inPath("result.structuredContent.error.code")
                    .isEqualTo("BACKEND_INVALID_RESPONSE");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"a\":NaN}", "{\"a\":-Infinity}", "{\"a\" 1}", "[1 2]", "{\"a\":01}",
            "{\"a\":1,}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":tru}", "{:::}", "[\"a\":1]"})
        void dataThatIsNoJsonIsABrokenAnswerNeverPassedOn(String data) {
            env.alpha.always(Behaviour.rawData(data));

            // the gateway passes a backend's data on as written: it must be JSON, or the caller's answer would not be
            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
            assertThatJson(env.postMcp(CALL).body()).inPath("result.structuredContent.error.code")
                    .isEqualTo("BACKEND_INVALID_RESPONSE");
        }

        @Test
        void wellFormedDataIsPassedOnAsWritten() {
            env.alpha.always(Behaviour.rawData("{\"big\":1e400,\"fine\":0.10000000000000000000001,\"s\":\"\\u00e9\"}"));

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"data\":{\"big\":1e400,\"fine\":0.10000000000000000000001,"
                    + "\"s\":\"\\u00e9\"}");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"2147483648", "123456789012345678901234567890", "1e400", "-32602.5"})
        void aJsonRpcErrorWhoseCodeIsNoIntIsABrokenAnswerLoggedOnOneLine(String code) {
            env.alpha.always(Behaviour.rpcError(new java.math.BigDecimal(code), "m", null));

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
            HttpResponse<String> mcp = env.postMcp(CALL);

            assertThatJson(mcp.body()).inPath("result.structuredContent.error.code")
                    .isEqualTo("BACKEND_INVALID_RESPONSE");
            assertThat(warnings()).hasSize(2).allSatisfy(line -> assertThat(line).asString()
                    .contains("(protocol_error)", "JSON-RPC error"));
        }

        @Test
        void onMcpABackendsJsonRpcErrorIsPassedOnAsTheSameJsonRpcError() {
            env.alpha.always(Behaviour.rpcError(-32602, "Unknown tool: lookup", List.of("a", 1)));

            HttpResponse<String> response = env.postMcp(CALL);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,"
                    + "\"message\":\"Unknown tool: lookup\",\"data\":[\"a\",1]}}");
        }

        @Test
        void onMcpABackendsJsonRpcInternalErrorIsAToolErrorResultWithoutItsMessageOrData() {
            env.alpha.always(Behaviour.rpcError(-32603, "db password hunter2 refused", Map.of("trace", "at Db.open")));

            HttpResponse<String> response = env.postMcp(CALL);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("hunter2", "Db.open", "-32603");
            assertThatJson(response.body()).inPath("result.isError").isEqualTo(true);
            assertThatJson(response.body()).inPath("result.structuredContent.error.code").isEqualTo("TOOL_FAILED");
        }

        @Test
        void onMcpItIsAToolErrorResultWithoutItsMessage() {
            env.alpha.always(Behaviour.toolCrash(CRASH));

            HttpResponse<String> response = env.postMcp(CALL);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("kaboom", "secret", "hunter2");
            assertThatJson(response.body()).inPath("result.isError").isEqualTo(true);
            assertThatJson(response.body()).inPath("result.structuredContent.error.code").isEqualTo("TOOL_FAILED");
            assertThat(warnings()).singleElement().asString().contains("kaboom");
        }

        @Test
        void anMcpCallTheGatewayFailedIsLoggedAndCountedAsTheFailureItStandsFor() {
            env.alpha.always(Behaviour.httpStatus(503));
            ListAppender<ILoggingEvent> access = new ListAppender<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    event.prepareForDeferredProcessing(); // keeps the MDC, which the access log clears after it
                    super.append(event);
                }
            };
            Logger accessLogger = (Logger) LoggerFactory.getLogger("access");
            access.start();
            accessLogger.addAppender(access);
            accessLogger.setLevel(Level.INFO); // the tests' logging shows warnings only
            accessLogger.setAdditive(false);
            try {
                HttpResponse<String> response = env.postMcp(CALL);

                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).inPath("result.structuredContent.error.code")
                        .isEqualTo("BACKEND_UNAVAILABLE");
                // the answer is a 200, but the access line, the metrics and the status page count a 503
                await().atMost(Duration.ofSeconds(5)).until(() -> access.list.stream()
                        .anyMatch(e -> e.getFormattedMessage().startsWith("POST /mcp 200 BACKEND_UNAVAILABLE ")));
                assertThat(access.list).filteredOn(e -> e.getFormattedMessage().startsWith("POST /mcp 200"))
                        .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap())
                                .containsEntry("error_code", "BACKEND_UNAVAILABLE").containsEntry("error_status", "503")
                                .containsEntry("error_type", "ServiceUnavailableError"));
            } finally {
                accessLogger.detachAppender(access);
                accessLogger.setLevel(null);
                accessLogger.setAdditive(true);
            }
            assertThatJson(env.get("/metrics").body()).inPath("requests.errors").isNumber().isPositive();
        }

        @Test
        void aToolErrorWhoseDetailsHoldANullIsTheToolsErrorNotAServerError() {
            env.alpha.always(Behaviour.toolErrorWithANullDetail());

            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertError(response, 400, "ValidationError", "TOOL_VALIDATION_ERROR");
            assertThatJson(response.body()).inPath("error.details.suggestion").isNull();
            assertThatJson(env.postMcp(CALL).body()).inPath("result.structuredContent.error.details.suggestion")
                    .isNull();
        }

        @Test
        void anAnswerToAnotherRequestIsRefusedNotHandedToThisCaller() {
            env.alpha.always(Behaviour.answerAnotherRequest());

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
            assertThat(env.postMcp(CALL).body()).doesNotContain("\"success\":true");
        }

        @Test
        void onMcpOtherToolErrorsArePassedOnAsTheToolGaveThem() {
            env.alpha.always(Behaviour.toolError());

            HttpResponse<String> response = env.postMcp(CALL);

            assertThatJson(response.body()).inPath("result.isError").isEqualTo(true);
            assertThatJson(response.body()).inPath("result.structuredContent.error.message")
                    .isEqualTo("q is not acceptable");
            assertThat(warnings()).isEmpty();
        }
    }

    @Nested
    class CircuitBreaker {

        @AutoClose
        private final CapturedLogs logs = CapturedLogs.of(BreakerTransitions.class)
                .atLevel(Level.INFO); // the tests' logging configuration may hide INFO
        private FaultInjectionGateway env;

        @BeforeEach
        void start() {
            env = new FaultInjectionGateway(1_000, 2_000, "{max_attempts: 1, minimum_calls: 4, "
                    + "sliding_window_size: 4, failure_rate_threshold_percent: 50, wait_in_open_seconds: 2, "
                    + "half_open_calls: 2}");
        }

        @AfterEach
        void stop() {
            env.close();
        }

        /** Alpha down, its health endpoint too (a healthy probe would let trial calls through at once). */
        private void openAlphasBreaker() {
            env.alpha.healthAnswers(503).always(Behaviour.httpStatus(503));
            for (int i = 0; i < 4; i++) {
                assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
            }
        }

        private List<String> logLines() {
            return logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Test
        void deadBackendOpensTheBreakerAndGetsNoCallsWhileItIsOpen() {
            openAlphasBreaker();
            CapturedLogs rendered = CapturedLogs.of(ErrorRenderer.class);

            try (rendered) {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> refused = env.post(ALPHA_LOOKUP);
                    assertError(refused, 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
                    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                            seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
                }
            }

            assertThat(rendered.events()).as("no warning per fast refusal: the opening was logged once")
                    .noneMatch(e -> e.getLevel() == Level.WARN);

            assertThat(env.alpha.calls("lookup")).as("no call reaches an open breaker's backend").isEqualTo(4);
            assertThat(env.post(BETA_LOOKUP).statusCode()).as("the other backend is not affected").isEqualTo(200);
            assertThat(logLines()).contains("Circuit breaker 'alpha' changed from CLOSED to OPEN: calls fail fast for 2 s");
            String health = env.get("/health").body();
            assertThatJson(health).inPath("backends.alpha.circuit_breaker").isEqualTo("open");
            assertThatJson(health).inPath("backends.beta.circuit_breaker").isEqualTo("closed");
            assertThatJson(health).inPath("backends.alpha.status").isPresent();
            String metrics = env.get("/metrics").body();
            assertThatJson(metrics).inPath("resilience.alpha.circuit_breaker").isEqualTo("open");
            assertThatJson(metrics).inPath("resilience.alpha.failure_rate_percent").isEqualTo(100.0);
            assertThatJson(metrics).inPath("resilience.alpha.not_permitted_calls").isEqualTo(5);
            assertThat(env.get("/metrics/prometheus").body())
                    .contains("resilience4j_circuitbreaker_state{name=\"alpha\",state=\"open\"} 1.0")
                    .contains("resilience4j_circuitbreaker_not_permitted_calls_total{kind=\"not_permitted\",name=\"alpha\"} 5.0");
        }

        static List<Arguments> refusalsOfOneCall() {
            return List.of(Arguments.of("413", Behaviour.httpStatus(413)),
                    Arguments.of("414", Behaviour.httpStatus(414)), Arguments.of("431", Behaviour.httpStatus(431)),
                    Arguments.of("400 with a parse error", Behaviour.httpStatus(400, -32700)));
        }

        @ParameterizedTest(name = "HTTP {0}")
        @MethodSource("refusalsOfOneCall")
        void callsTheBackendRefusesAsAWholeAreTheCallersAndNeverOpenTheBreaker(String what, Behaviour refusal) {
            env.alpha.always(refusal);

            for (int i = 0; i < 6; i++) { // past the window of 4 at 50%
                HttpResponse<String> refused = env.post(ALPHA_LOOKUP);
                assertError(refused, 400, "ValidationError", "BACKEND_REFUSED_REQUEST");
                assertThatJson(refused.body()).inPath("error.details.backend_status")
                        .isEqualTo(Integer.parseInt(what.substring(0, 3)));
            }
            assertThat(env.alpha.calls("lookup")).as("each reached the backend, none was retried").isEqualTo(6);
            assertThatJson(env.get("/health").body()).inPath("backends.alpha.circuit_breaker").isEqualTo("closed");

            HttpResponse<String> onMcp = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}");
            assertThat(onMcp.statusCode()).isEqualTo(200);
            assertThatJson(onMcp.body()).inPath("result.isError").isEqualTo(true);
            assertThatJson(onMcp.body()).inPath("result.structuredContent.error.code")
                    .isEqualTo("BACKEND_REFUSED_REQUEST");
            assertThatJson(env.get("/health").body()).inPath("backends.alpha.circuit_breaker").isEqualTo("closed");
        }

        static List<Arguments> refusalsOfEveryCall() {
            return List.of(Arguments.of("400", Behaviour.httpStatus(400)),
                    Arguments.of("400 with an invalid request", Behaviour.httpStatus(400, -32600)),
                    Arguments.of("422", Behaviour.httpStatus(422)), Arguments.of("403", Behaviour.httpStatus(403)));
        }

        /** A backend (or a proxy before it) that refuses every call is failing, whatever the status says. */
        @ParameterizedTest(name = "HTTP {0}")
        @MethodSource("refusalsOfEveryCall")
        void otherClientErrorsOfTheBackendCountAgainstIt(String what, Behaviour refusal) {
            env.alpha.always(refusal);

            for (int i = 0; i < 4; i++) {
                assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
            }

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
        }

        @Test
        void recoveredBackendClosesTheBreakerAfterTheWait() {
            openAlphasBreaker();
            env.alpha.healthAnswers(200).always(Behaviour.answer());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(env.get("/health").body())
                    .inPath("backends.alpha.circuit_breaker").isEqualTo("half_open"));
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);

            assertThatJson(env.get("/health").body()).inPath("backends.alpha.circuit_breaker").isEqualTo("closed");
            assertThat(logLines()).contains("Circuit breaker 'alpha' changed from OPEN to HALF_OPEN",
                    "Circuit breaker 'alpha' changed from HALF_OPEN to CLOSED");
            assertThat(env.alpha.calls("lookup")).isEqualTo(4 + 2);
        }

        /** /metrics/performance counts calls made: those the open breaker refused never reached the backend. */
        @Test
        void callsTheOpenBreakerRefusedAreNoBackendCallsOfTheRoute() {
            openAlphasBreaker();
            for (int i = 0; i < 3; i++) {
                assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
            }

            assertThatJson(env.get("/metrics/performance").body())
                    .inPath("$.endpoint_breakdown['" + ALPHA_LOOKUP + "']").isObject()
                    .containsEntry("count", 7).containsEntry("mcp_calls", 4);
            assertThat(env.alpha.calls("lookup")).isEqualTo(4);
        }

        @Test
        void failedTrialCallOpensTheBreakerAgain() {
            openAlphasBreaker();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(env.get("/health").body())
                    .inPath("backends.alpha.circuit_breaker").isEqualTo("half_open"));
            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
            assertThat(logLines()).contains("Circuit breaker 'alpha' changed from HALF_OPEN to OPEN: calls fail fast for 2 s");
        }

        @Test
        void aProbeThatFindsTheBackendServingLetsTrialCallsThroughBeforeTheWaitEnds() {
            FaultInjectionGateway longWait = new FaultInjectionGateway(1_000, 2_000, "{max_attempts: 1,"
                    + " minimum_calls: 4, sliding_window_size: 4, failure_rate_threshold_percent: 50,"
                    + " wait_in_open_seconds: 600, half_open_calls: 2}");
            try (longWait) {
                longWait.alpha.healthAnswers(503).always(Behaviour.httpStatus(503));
                for (int i = 0; i < 4; i++) {
                    longWait.post(ALPHA_LOOKUP);
                }
                assertThatJson(longWait.get("/health").body()).inPath("backends.alpha.circuit_breaker")
                        .isEqualTo("open");
                assertThatJson(longWait.get("/health").body()).inPath("status").isEqualTo("degraded");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(longWait.get("/health")
                        .body()).inPath("backends.alpha.status").isEqualTo("unhealthy")); // a probe saw it down

                longWait.alpha.healthAnswers(200).always(Behaviour.answer()); // restarted within seconds

                // the next probe (every second here) finds it serving: trial calls go through, not in 10 minutes
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(longWait.get("/health")
                        .body()).inPath("backends.alpha.circuit_breaker").isEqualTo("half_open"));
                assertThat(longWait.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
                assertThat(longWait.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
                assertThatJson(longWait.get("/health").body()).inPath("backends.alpha.circuit_breaker")
                        .isEqualTo("closed");
            }
        }

        @Test
        void probesOfABackendWhoseHealthAnswersAllAlongDoNotCutTheWaitShort() throws InterruptedException {
            FaultInjectionGateway longWait = new FaultInjectionGateway(1_000, 2_000, "{max_attempts: 1,"
                    + " minimum_calls: 4, sliding_window_size: 4, failure_rate_threshold_percent: 50,"
                    + " wait_in_open_seconds: 600, half_open_calls: 2}");
            try (longWait) {
                longWait.alpha.always(Behaviour.httpStatus(503)); // its calls fail, its /health answers 200
                for (int i = 0; i < 4; i++) {
                    longWait.post(ALPHA_LOOKUP);
                }
                Thread.sleep(3_000); // three probes, each finding it healthy

                for (int i = 0; i < 3; i++) {
                    assertError(longWait.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
                }
                assertThat(longWait.alpha.calls("lookup")).as("no trial call before the wait ends").isEqualTo(4);
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"an error result", "a JSON-RPC error"})
        void toolErrorsNeverOpenTheBreaker(String how) {
            env.alpha.always(how.equals("an error result") ? Behaviour.toolError()
                    : Behaviour.rpcError(-32602, "q is not acceptable", null));

            for (int i = 0; i < 10; i++) {
                assertError(env.post(ALPHA_LOOKUP), 400, "ValidationError", "TOOL_VALIDATION_ERROR");
            }

            assertThat(env.alpha.calls("lookup")).isEqualTo(10);
            assertThatJson(env.get("/health").body()).inPath("backends.alpha.circuit_breaker").isEqualTo("closed");
            assertThatJson(env.get("/metrics").body()).inPath("resilience.alpha.failure_rate_percent").isEqualTo(0.0);
        }

        @Test
        void answersOverTheSizeBoundNeverOpenTheBreaker() {
            try (var small = new FaultInjectionGateway(1_000, 2_000, "{max_attempts: 1, minimum_calls: 4, "
                    + "sliding_window_size: 4, failure_rate_threshold_percent: 50}", ", max_response_bytes: 65536",
                    Map.of())) {
                small.alpha.always(Behaviour.largeAnswer(200_000));

                for (int i = 0; i < 8; i++) {
                    assertError(small.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
                }

                assertThat(small.alpha.calls("lookup")).as("every call reached the backend").isEqualTo(8);
                assertThatJson(small.get("/health").body()).inPath("backends.alpha.circuit_breaker")
                        .isEqualTo("closed");
            }
        }

        /** The call was made, and failed: "calls are paused" would tell its caller nothing was tried. */
        @Test
        void aRetryTheBreakerRefusesAfterTheCallsOwnFailureAnswersThatFailure() {
            try (var retrying = new FaultInjectionGateway(1_000, 2_000, "{max_attempts: 3, initial_backoff_ms: 1,"
                    + " max_backoff_ms: 1, retry_budget_percent: 100, minimum_calls: 2, sliding_window_size: 2,"
                    + " failure_rate_threshold_percent: 50, wait_in_open_seconds: 30}")) {
                retrying.alpha.always(Behaviour.httpStatus(503));

                assertError(retrying.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE");
                assertThat(retrying.alpha.calls("lookup")).as("two attempts, the second opening the breaker")
                        .isEqualTo(2);
                assertError(retrying.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
                assertThat(retrying.alpha.calls("lookup")).isEqualTo(2);
            }
        }

        @Test
        void aBackendThatCannotTakeTheRequestStillOpensTheBreaker() {
            env.alpha.always(Behaviour.rpcError(-32601, "Method not found", null));

            for (int i = 0; i < 4; i++) {
                assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "BACKEND_INVALID_RESPONSE");
            }

            assertError(env.post(ALPHA_LOOKUP), 503, "ServiceUnavailableError", "CIRCUIT_OPEN");
        }
    }

    @Nested
    class Bulkhead {

        @Test
        void hungBackendCannotTakeTheGatewaysCapacityAndTheOtherBackendStillAnswers() {
            try (var env = new FaultInjectionGateway(20_000, 20_000,
                    "{max_attempts: 1, max_concurrent_calls: 2, " + BREAKER_OFF + "}")) {
                env.alpha.always(Behaviour.hang());

                List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 6)
                        .mapToObj(i -> env.postAsync(ALPHA_LOOKUP)).toList();

                await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().filter(
                        CompletableFuture::isDone).count() == 4);
                assertThat(env.alpha.inFlight()).isEqualTo(2);
                for (CompletableFuture<HttpResponse<String>> call : calls.stream().filter(CompletableFuture::isDone)
                        .toList()) {
                    assertError(call.join(), 503, "ServiceUnavailableError", "BACKEND_BUSY");
                    assertThat(call.join().headers().firstValue("Retry-After")).hasValue("1");
                }

                long start = System.nanoTime();
                HttpResponse<String> other = env.post(BETA_LOOKUP);
                assertThat(other.statusCode()).isEqualTo(200);
                assertThat(millisSince(start)).as("the other backend answers quickly").isLessThan(2_000);
                assertThatJson(env.get("/metrics").body()).inPath("resilience.alpha.bulkhead_rejections").isEqualTo(4);

                env.alpha.releaseHungCalls();
                assertThat(calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode))
                        .containsExactlyInAnyOrder(200, 200, 503, 503, 503, 503);
            }
        }
    }
}
