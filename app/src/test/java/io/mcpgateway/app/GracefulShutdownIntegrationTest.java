package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server started as its own process stops cleanly on SIGTERM, as under Kubernetes or Ctrl-C. */
@Timeout(60)
class GracefulShutdownIntegrationTest {

    private static final Pattern READY = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/mcp");

    @Test
    void searchServerStopsCleanlyOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The product's logging configuration, not the quiet one tests use, so the lifecycle lines show.
        String logConfig = GracefulShutdownIntegrationTest.class.getResource("/logback.xml").toString();
        Process process = new ProcessBuilder(java, "-Dlogback.configurationFile=" + logConfig,
                "-cp", System.getProperty("java.class.path"), "io.mcpgateway.app.Main", "search-server", "--port", "0")
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = awaitPort(lines, output);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            process.toHandle().destroy(); // SIGTERM, keeping our end of its output open

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
            lines.lines().forEach(output::add);
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isIn(0, 143);
        assertThat(String.join("\n", output)).contains("MCP server 'restaurant-search-mcp' stopping")
                .doesNotContain("Exception");
    }

    private static int awaitPort(BufferedReader lines, List<String> output) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            output.add(line);
            Matcher m = READY.matcher(line);
            if (line.startsWith("Restaurant search MCP server") && m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("server did not start:\n" + String.join("\n", output));
    }
}
