package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code LOG_FORMAT=JSON} a command's standard output is its JSON log lines only: a plain-text banner among
 * them would be the one line a log collector cannot read (the start-up log lines name the same URLs).
 */
@Timeout(90)
class JsonLogsOnlyIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "all --port 0 --search-port 0 --reasoning-port 0 --idp-port 0|Gateway listening on",
            "dev-idp --port 0|Development OIDC issuer"})
    void standardOutputHoldsJsonLinesOnly(String command, String startedLine) throws Exception {
        Process process = startWithJsonLogs(command);
        BlockingQueue<String> printed = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).lines()
                        .forEach(printed::add);
            } catch (UncheckedIOException e) {
                // the process was killed: what it printed is in
            }
        });
        List<String> lines = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(line -> line.contains(startedLine))) {
                String line = printed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
            // what it prints right after starting (a banner came after the start-up lines): until a quiet second
            for (String line; (line = printed.poll(1, TimeUnit.SECONDS)) != null; ) {
                lines.add(line);
            }
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(5));
            printed.drainTo(lines);
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        assertThat(lines).as("standard output").anyMatch(line -> line.contains(startedLine))
                .allSatisfy(line -> assertThat(json(line)).as(line).isNotNull());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gateway --config no-such-file.yaml|no-such-file.yaml|1",
            "search-server --port 0 --data-dir no-such-directory|no-such-directory|1",
            "gateway --port abc|abc|2"})
    void aCommandThatCannotStartSaysWhyInAJsonLogLineToo(String command, String named, int exitCode) throws Exception {
        Process process = startWithJsonLogs(command);
        List<String> lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).lines().toList();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(exitCode);
        assertThat(lines).as("standard output").allSatisfy(line -> assertThat(json(line)).as(line).isNotNull())
                .anySatisfy(line -> {
                    JsonNode logged = json(line);
                    assertThat(logged.path("level").asString()).isEqualTo("ERROR");
                    assertThat(logged.path("formattedMessage").asString()).contains(named);
                });
    }

    /** {@code command} in a JVM of its own with LOG_FORMAT=JSON, its standard error dropped. */
    private static Process startWithJsonLogs(String command) throws IOException {
        // the production logging configuration, not the tests' logback-test.xml on this class path
        List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                "io.mcpgateway.app.Main"));
        arguments.addAll(List.of(command.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LOG_FORMAT", "JSON");
        return builder.start();
    }

    private static JsonNode json(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return node.isObject() && node.has("formattedMessage") ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
