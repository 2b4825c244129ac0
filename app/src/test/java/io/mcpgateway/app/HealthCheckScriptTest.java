package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import io.mcpgateway.testsupport.LocalProcessFiles;

/**
 * The image's health check script ({@code deploy/docker/healthcheck.sh}), run as Docker runs it, against a server
 * answering {@code /health} and {@code /health/live}: it finds the port of whichever part the container runs, from the
 * command line of the process it checks, that part's port variable, or {@code HEALTH_PORT}, and asks an MCP server
 * for {@code /health}, the gateway for {@code /health/live}.
 */
class HealthCheckScriptTest {

    private static final Path SCRIPT = repositoryFile("deploy/docker/healthcheck.sh");

    private HttpServer server;
    private volatile int status = 200;
    private volatile int liveStatus = 200;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            boolean live = exchange.getRequestURI().getPath().equals("/health/live");
            exchange.sendResponseHeaders(live ? liveStatus : status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        processes.forEach(Process::destroyForcibly);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    @Test
    void findsThePortOnTheCommandLineOfTheCheckedProcess() throws Exception {
        assertThat(check(part("search-server", "--port", Integer.toString(port())), Map.of())).isZero();
        assertThat(check(part("gateway", "--config", "g.yaml", "--port=" + port()), Map.of())).isZero();
    }

    @Test
    void findsThePortInThePartsVariableWhenTheCommandLineHasNone() throws Exception {
        String port = Integer.toString(port());

        assertThat(check(part("reasoning-server"), Map.of("REASONING_SERVER_PORT", port))).isZero();
        assertThat(check(part("search-server"), Map.of("SEARCH_SERVER_PORT", port))).isZero();
        assertThat(check(part("gateway"), Map.of("GATEWAY_PORT", port))).isZero();
        // its own variable on a port nobody listens on, the live one in another part's: that one is not asked
        String closed = Integer.toString(LocalProcessFiles.freePort());
        assertThat(check(part("search-server"), Map.of("GATEWAY_PORT", port, "SEARCH_SERVER_PORT", closed)))
                .as("another part's variable").isEqualTo(1);
    }

    @Test
    void healthPortWinsOverEverythingElse() throws Exception {
        assertThat(check(part("search-server", "--port", "1"), Map.of("HEALTH_PORT", Integer.toString(port()))))
                .isZero();
    }

    @Test
    void theGatewayIsAskedWhetherItLivesNotWhetherItsBackendsServe() throws Exception {
        status = 503; // the gateway's /health while every backend is down
        assertThat(check(part("gateway", "--port", Integer.toString(port())), Map.of())).isZero();
        assertThat(check(part("search-server", "--port", Integer.toString(port())), Map.of())).isEqualTo(1);
    }

    @Test
    void failsWhenTheServerIsUnhealthyOrNotListening() throws Exception {
        Process part = part("reasoning-server", "--port", Integer.toString(port()));
        status = 503;
        assertThat(check(part, Map.of())).isEqualTo(1);

        server.stop(0);
        assertThat(check(part, Map.of())).isEqualTo(1);
    }

    /** A process whose command line reads like the image's: bash keeps the words after its script in its own. */
    private Process part(String... words) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "sleep 60; :", "java"));
        command.addAll(List.of(words));
        Process process = new ProcessBuilder(command).start();
        processes.add(process);
        return process;
    }

    private static int check(Process part, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), Long.toString(part.pid()))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.endsWith("_PORT"));
        builder.environment().putAll(environment);
        Process check = builder.start();
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).as("the check ends within its time").isTrue();
        return check.exitValue();
    }

    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
