package io.mcpgateway.mcpkit;

import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * At its maximum of open connections a server accepts no more and closes idle ones after a second, so clients that
 * open connections and send nothing cannot shut everyone else out; reaching it is logged.
 */
@Timeout(60)
class ConnectionCapIntegrationTest {

    private static final int MAX_CONNECTIONS = McpServerConfig.MIN_CONNECTIONS;

    @Test
    void idleConnectionsAtTheCapAreClosedSoAnotherClientIsServed() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger limitLog = (Logger) LoggerFactory.getLogger(LoggedConnectionLimit.class);
        limitLog.addAppender(logs);
        List<Socket> idle = new ArrayList<>();
        McpSchema.Tool noop = McpSchema.Tool.builder("noop", closedObject(properties(), List.of())).build();
        try (McpServerHost host = McpServerHost.start(McpServerConfig.local(0).withMaxConnections(MAX_CONNECTIONS),
                new ServerIdentity("capped", "1.0", "For tests"), List.of(new ToolDefinition(noop, args -> Map.of())),
                ToolErrorTranslator.NONE, () -> new HealthReport(HealthReport.Status.HEALTHY, Map.of()),
                Json.newMapper(), Clock.systemUTC())) {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                idle.add(new Socket("127.0.0.1", host.port())); // connected, and silent
            }
            long start = System.nanoTime();

            assertThat(new RawMcpHttp(host.port()).get("/health").statusCode()).as("another client, served")
                    .isEqualTo(200);

            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds it waited")
                    .isLessThan(10);
            assertThat(idle.stream().filter(ConnectionCapIntegrationTest::closedByTheServer).count())
                    .as("idle connections closed long before the idle timeout of 75 s").isPositive();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).as("said once")
                    .singleElement().asString()
                    .startsWith("Connections at their maximum (--max-connections or MCP_MAX_CONNECTIONS: 16)");
        } finally {
            limitLog.detachAppender(logs);
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    /** Whether the server closed the connection (its input ended), looking for a moment only. */
    private static boolean closedByTheServer(Socket socket) {
        try {
            socket.setSoTimeout(100);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
