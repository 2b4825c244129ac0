package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data set that does not fit in the search server's heap stops its start with one line saying so, in a process of
 * its own (the heap is the process's), rather than with an OutOfMemoryError's stack trace.
 */
class DataSetLargerThanTheHeapTest {

    @TempDir
    Path scratch;

    private ExternalProcess main(String heap, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), "io.mcpgateway.app.Main"));
        command.addAll(List.of(args));
        ExternalProcess process = ExternalProcess.run(new ProcessBuilder(command), Duration.ofSeconds(120), scratch);
        assertThat(process.finished()).as("the command ends by itself").isTrue();
        return process;
    }

    @Test
    void itStopsTheStartWithOneLineNamingTheHeap() {
        Path data = scratch.resolve("data");
        assertThat(main("512m", "generate-data", "--out", data.toString(), "--restaurants", "100000", "--compact")
                .exitCode()).isZero();

        ExternalProcess search = main("48m", "search-server", "--port", "0", "--data-dir", data.toString());

        assertThat(search.exitCode()).isEqualTo(1);
        assertThat(search.stderr()).contains("error: --data-dir (DATA_DIR): the data set does not fit in the heap (")
                .contains("MB): give the server a larger one (-Xmx; about 100 MB per 100,000 restaurants)")
                .doesNotContain("\tat ", "Exception in thread");
    }
}
