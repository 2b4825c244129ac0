package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** generate-data stopped half-way (SIGTERM, as Ctrl-C or a CI's timeout sends) leaves no half data set. */
class GenerateDataStoppedTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aRunStoppedHalfWayLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.mcpgateway.app.Main",
                "generate-data", "--out", out.toString(), "--restaurants", "3000000", "--compact")
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(),
                StandardCharsets.UTF_8))) {
            // not a terminal: a line every tenth; stopped once a tenth of the files are written
            for (String line; (line = lines.readLine()) != null && !line.startsWith("Generating 10%"); ) {
                assertThat(line).doesNotStartWith("Wrote"); // the run must still be under way
            }
            run.destroy(); // SIGTERM
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(Files.exists(out) ? listed(out) : List.of()).as("no half data set in --out").isEmpty();
        assertThat(listed(dir)).as("nor the partial one beside it").allMatch(name -> name.equals("data"));
    }

    private static List<String> listed(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
