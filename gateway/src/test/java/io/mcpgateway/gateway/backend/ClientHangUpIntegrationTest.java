package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;
import io.mcpgateway.gateway.error.ErrorRenderer;

/**
 * A client that hangs up while its call waits for a slow backend: the gateway ends the backend exchange at once (its
 * pooled connection and bulkhead place are free again), rather than holding them until the backend answers or the
 * request timeout ends; on the REST routes and on {@code /mcp} alike, without a warning blaming the backend. A client
 * that waits is answered as before. Only read-only tools' calls are ended so, but for a client of MCP 2026-07-28, whose
 * hang-up is its way to cancel.
 */
class ClientHangUpIntegrationTest {

    private static final String MCP_CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}";

    @Test
    void aHungUpCallFreesItsBackendConnectionAtOnce() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(DirectToolInvoker.class, ErrorRenderer.class);
                var env = new FaultInjectionGateway(20_000, 20_000, "{max_attempts: 1}")) {
            env.alpha.always(Behaviour.hang());
            for (String[] request : new String[][] {{ALPHA_LOOKUP, FaultInjectionGateway.BODY}, {"/mcp", MCP_CALL}}) {
                int before = env.alpha.calls("lookup");
                try (Socket client = new Socket(env.url("/").getHost(), env.url("/").getPort())) {
                    send(client, env, request[0], request[1]);
                    await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.calls("lookup") > before);
                    assertThat(activeConnections(env)).as("the call holds a backend connection").isEqualTo(1);
                    assertThat(env.get("/metrics/prometheus").body()).as("the call and the scrape")
                            .contains("\ngateway_requests_in_flight 2.0\n");
                } // hangs up
                await("backend connection of " + request[0] + " freed after the hang-up")
                        .atMost(Duration.ofSeconds(3)).until(() -> activeConnections(env) == 0);
                assertThat(env.get("/metrics").body()).contains("\"bulkhead_available_calls\":64");
                assertThat(env.get("/metrics/prometheus").body()).as("the scrape alone")
                        .contains("\ngateway_requests_in_flight 1.0\n");
            }

            env.alpha.always(Behaviour.slow(Duration.ofMillis(300)));
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).as("a client that waits is answered").isEqualTo(200);
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).as("on its kept-alive connection too").isEqualTo(200);
            assertThat(logs.events()).as("a hang-up is no backend failure").noneMatch(event -> event.getLevel()
                    .isGreaterOrEqual(Level.WARN));
            assertThat(env.get("/metrics/prometheus").body()).as("the client's doing, as nginx's 499, not a 5xx")
                    .containsPattern("gateway_requests_seconds_count\\{method=\"POST\",outcome=\"client_error\","
                            + "route=\"[^\"]+\",status=\"499\"} 1\\b")
                    .doesNotContain("outcome=\"server_error\"")
                    .as("its backend calls, ended for their client")
                    .contains("gateway_backend_calls_seconds_count{backend=\"alpha\",outcome=\"cancelled\"")
                    .doesNotContain("outcome=\"timeout\"");

            // a tool that changes something runs to its end: a disconnection is no cancellation
            env.alpha.always(Behaviour.hang());
            try (Socket client = new Socket(env.url("/").getHost(), env.url("/").getPort())) {
                send(client, env, "/mcp", MCP_CALL.replace("alpha___lookup", "update"));
                await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.calls("update") > 0);
            }
            await("the update's backend call goes on").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> activeConnections(env) == 1);
        }
    }

    @Test
    void forAClientOfMcp20260728AHangUpCancelsACallOfAToolThatChangesSomethingToo() throws Exception {
        try (var env = new FaultInjectionGateway(20_000, 20_000, "{max_attempts: 1}")) {
            env.alpha.always(Behaviour.hang());
            String call = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"update\","
                    + "\"arguments\":{\"q\":\"x\"},\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            try (Socket client = new Socket(env.url("/").getHost(), env.url("/").getPort())) {
                send(client, env, "/mcp", call, "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\n"
                        + "Mcp-Name: update\r\n");
                await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.calls("update") > 0);
                assertThat(activeConnections(env)).as("the call holds a backend connection").isEqualTo(1);
            } // hangs up: "closing the SSE response stream is the cancellation signal"
            await("the update's backend call ends").atMost(Duration.ofSeconds(3))
                    .until(() -> activeConnections(env) == 0);
        }
    }

    private static void send(Socket client, FaultInjectionGateway env, String path, String body) throws Exception {
        send(client, env, path, body, "");
    }

    /** @param headers more header lines, each ending with CR LF */
    private static void send(Socket client, FaultInjectionGateway env, String path, String body, String headers)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + env.token()
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + headers + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static int activeConnections(FaultInjectionGateway env) {
        for (String line : env.get("/metrics/prometheus").body().split("\n")) {
            if (line.startsWith("gateway_backend_connections{backend=\"alpha\",state=\"active\"}")) {
                return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no active-connections gauge for alpha");
    }
}
