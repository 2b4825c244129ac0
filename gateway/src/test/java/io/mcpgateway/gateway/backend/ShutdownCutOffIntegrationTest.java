package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.GatewayServer;

/** A stop that cuts requests off names them: they get no access-log line, so its warning is the trace they leave. */
@Timeout(60)
class ShutdownCutOffIntegrationTest {

    @Test
    void theShutdownWarningNamesEachRequestItCutOff() {
        try (CapturedLogs logs = CapturedLogs.of(GatewayServer.class);
                FaultInjectionGateway system = new FaultInjectionGateway(20_000, 20_000, "{max_attempts: 1}", "",
                        Map.of(), "server: {shutdown_timeout_ms: 300}")) {
            system.alpha.always(FaultyMcpServer.Behaviour.hang());
            system.postAsync(FaultInjectionGateway.ALPHA_LOOKUP, "X-Request-ID", "stuck-call-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> system.alpha.inFlight() == 1);

            system.gateway.close();

            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("Gateway: 1 request(s) still running when the"
                            + " shutdown timeout (300 ms) ended, cut off: POST /api/v1/alpha/lookup (request"
                            + " stuck-call-1, for 0.").endsWith(" s)"));
        }
    }
}
