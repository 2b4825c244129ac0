package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;

/** Review: how an MCP tool call failed inside a 200 is counted (error_status). */
class ReviewLateMcpOutcomeTest {

    private static final String FAILING_CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}";
    private static final String REFUSED_CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"beta___lookup\",\"arguments\":{\"q\":5}}}";

    private final List<ILoggingEvent> accessLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> access = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            accessLines.add(event);
        }
    };
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("access");
    private FaultInjectionGateway env;

    @BeforeEach
    void start() {
        access.start();
        accessLogger.addAppender(access);
        accessLogger.setLevel(Level.INFO);
        env = new FaultInjectionGateway(2_000, 5_000, "{max_attempts: 1, minimum_calls: 10000,"
                + " sliding_window_size: 10000}");
        env.alpha.always(Behaviour.httpStatus(503)); // alpha down: BACKEND_UNAVAILABLE (503) in a 200
    }

    @AfterEach
    void stop() {
        env.close();
        accessLogger.detachAppender(access);
        accessLogger.setLevel(null);
    }

    private Map<String, String> accessLineOf(String requestId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> accessLines.stream()
                .anyMatch(e -> requestId.equals(e.getMDCPropertyMap().get("request_id"))));
        return accessLines.stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("request_id")))
                .findFirst().orElseThrow().getMDCPropertyMap();
    }

    /**
     * A batch whose first call failed because the backend is down (503) and whose second call had arguments the
     * schema refused (400): the request is counted as the last failure only, so the server error disappears from
     * the access line, /metrics' outcome, /status and analyze-logs' 502/503/504 list.
     */
    @Test
    void aBatchWithABackendFailureFollowedByARefusedCallIsStillCountedAsAServerError() {
        HttpResponse<String> response = env.postMcp("[" + FAILING_CALL + "," + REFUSED_CALL + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("BACKEND_UNAVAILABLE").contains("SCHEMA_VIOLATION");

        Map<String, String> line = accessLineOf(response.headers().firstValue("X-Request-ID").orElseThrow());
        // what the change writes: error_status 400, error_code SCHEMA_VIOLATION; the 503 is gone
        assertThat(line.get("error_status")).as("the batch held a 503: " + line).isEqualTo("503");
        assertThat(env.get("/metrics/prometheus").body()).as("a backend failure counted as a server error")
                .containsPattern("gateway_requests_seconds_count\\{[^}]*outcome=\"server_error\"[^}]*route=\"/mcp\"");
    }
}
