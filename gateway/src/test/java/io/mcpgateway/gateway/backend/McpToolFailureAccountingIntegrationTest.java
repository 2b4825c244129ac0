package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;
import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * MCP tool calls the gateway failed are answered 200 with a tool error: how they are counted (error_status) in the
 * access log and /metrics, a batch included.
 */
class McpToolFailureAccountingIntegrationTest {

    private static final String FAILING_CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}";
    private static final String REFUSED_CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"beta___lookup\",\"arguments\":{\"q\":5}}}";
    private static final String GOOD_CALL = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"beta___lookup\",\"arguments\":{\"q\":\"x\"}}}";

    private final List<ILoggingEvent> accessLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> access = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // keeps the MDC, which the access log clears after it
            accessLines.add(event);
        }
    };
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("access");
    private FaultInjectionGateway env;

    @BeforeEach
    void start() {
        access.start();
        accessLogger.addAppender(access);
        accessLogger.setLevel(Level.INFO); // the tests' logging shows warnings only
        accessLogger.setAdditive(false);
        env = new FaultInjectionGateway(2_000, 5_000, "{max_attempts: 1, minimum_calls: 10000,"
                + " sliding_window_size: 10000}");
        env.alpha.always(Behaviour.httpStatus(503)); // alpha down: BACKEND_UNAVAILABLE (503) in a 200
    }

    @AfterEach
    void stop() {
        env.close();
        accessLogger.detachAppender(access);
        accessLogger.setLevel(null);
        accessLogger.setAdditive(true);
    }

    private Map<String, String> accessLineOf(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> accessLines.stream()
                .anyMatch(e -> requestId.equals(e.getMDCPropertyMap().get("request_id"))));
        return accessLines.stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("request_id")))
                .findFirst().orElseThrow().getMDCPropertyMap();
    }

    @Test
    void aBatchWithABackendFailureAndARefusedCallCountsAsItsMostSevereFailure() {
        HttpResponse<String> response = env.postMcp("[" + FAILING_CALL + "," + REFUSED_CALL + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("BACKEND_UNAVAILABLE").contains("SCHEMA_VIOLATION");
        assertThat(accessLineOf(response)).containsEntry("error_status", "503")
                .containsEntry("error_code", "BACKEND_UNAVAILABLE");
        assertThat(env.get("/metrics/prometheus").body())
                .containsPattern("gateway_requests_seconds_count\\{[^}]*outcome=\"server_error\"[^}]*route=\"/mcp\"");
    }

    @Test
    void aCallOfAToolNoBackendHasIsCountedAsTheCallersMistake() {
        HttpResponse<String> response = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"gamma___nothing\",\"arguments\":{}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("-32602", "Unknown tool: gamma___nothing");
        // every backend has listed its tools: none of them has it (one down since start-up would be a 503, an outage)
        assertThat(accessLineOf(response)).containsEntry("error_status", "400")
                .containsEntry("error_code", "UNKNOWN_TOOL");
    }

    /** Counted as its REST route counts it (400 TOOL_VALIDATION_ERROR), though the tool's result passes as it came. */
    @Test
    void aToolsOwnRefusalIsCountedAsTheCallersMistake() {
        env.beta.always(Behaviour.toolError());

        HttpResponse<String> response = env.postMcp(GOOD_CALL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"isError\":true", "q is not acceptable");
        assertThat(accessLineOf(response)).containsEntry("error_status", "400")
                .containsEntry("error_code", "TOOL_VALIDATION_ERROR").containsEntry("error_type", "ValidationError");
        assertThat(env.get("/metrics/prometheus").body())
                .containsPattern("gateway_requests_seconds_count\\{[^}]*outcome=\"client_error\"[^}]*route=\"/mcp\"");
    }

    @Test
    void metricsByEndpointHasOneEntryPerMethodRouteStatusAndOutcome() {
        assertThat(env.postMcp(GOOD_CALL).statusCode()).isEqualTo(200);
        assertThat(env.postMcp(FAILING_CALL).statusCode()).isEqualTo(200);
        assertThat(env.postMcp(REFUSED_CALL).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode metrics = Json.newMapper().readTree(env.get("/metrics").body());
            List<String> keys = new ArrayList<>();
            metrics.path("requests").path("by_endpoint").forEach(e -> keys.add(e.path("method").asString() + " "
                    + e.path("route").asString() + " " + e.path("status").asInt() + " "
                    + e.path("outcome").asString()));
            assertThat(keys).contains("POST /mcp 200 success", "POST /mcp 200 server_error",
                    "POST /mcp 200 client_error");
            assertThat(keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting())))
                    .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
            assertThat(metrics.path("requests").path("errors").asLong()).isEqualTo(2);
        });
    }
}
