package io.mcpgateway.mcpkit;

import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.RawMcpHttp;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A server whose body limit is below the size of the calls it answers itself from its result cache: a call over the
 * limit is refused with 413 on that path too, however its length is told.
 */
@Timeout(60)
class McpServerHostSizeLimitTest {

    private static final int MAX_BYTES = 1024;
    private static McpServerHost host;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        McpSchema.Tool count = McpSchema.Tool.builder("count",
                        closedObject(properties("key", string(1, 10, "Anything")), List.of()))
                .description("Answers its argument; results are cached by arguments")
                .build();
        ToolDefinition cached = new ToolDefinition(count, args -> Map.of("key", String.valueOf(args.raw("key"))),
                ResultCaching.BY_ARGUMENTS);
        host = McpServerHost.start(McpServerConfig.local(0).withMaxRequestBytes(MAX_BYTES),
                new ServerIdentity("small-server", "1.0.0", "For tests"), List.of(cached), ToolErrorTranslator.NONE,
                () -> new HealthReport(HealthReport.Status.HEALTHY, Map.of()), Json.newMapper(), Clock.systemUTC());
        raw = new RawMcpHttp(host.port());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** A cacheable call padded with spaces after its JSON to {@code size} bytes. */
    private static String callOfSize(int size) {
        String call = RawMcpHttp.toolCall("count", "{\"key\":\"a\"}");
        return call + " ".repeat(size - call.length());
    }

    @Test
    void aCallWithinTheLimitIsAnswered() {
        HttpResponse<String> response = raw.post(callOfSize(MAX_BYTES));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("result.structuredContent.data.key").isEqualTo("a");
    }

    @Test
    void aCallOverTheLimitWithItsLengthIsA413() {
        HttpResponse<String> response = raw.post(callOfSize(MAX_BYTES + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThatJson(response.body()).inPath("error.message")
                .isEqualTo("Request body too large: the limit is " + MAX_BYTES + " bytes");
    }

    @Test
    void aChunkedCallOverTheLimitIsA413() throws IOException {
        byte[] body = callOfSize(3 * MAX_BYTES).getBytes(StandardCharsets.US_ASCII);
        String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Accept: " + RawMcpHttp.ACCEPT + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length) + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("Request body too large: the limit is " + MAX_BYTES + " bytes");
        }
    }
}
