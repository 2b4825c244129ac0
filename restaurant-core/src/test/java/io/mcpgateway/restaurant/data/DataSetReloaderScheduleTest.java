package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.TestDataSets;

/**
 * The reloader's schedule: a check that fails in any way, an {@link Error} included (an OutOfMemoryError while a
 * second copy of a large data set is loaded beside the served one), is reported and the later checks go on; the
 * executor would otherwise cancel them without a word.
 */
class DataSetReloaderScheduleTest {

    @Test
    void anErrorDuringOneCheckDoesNotStopTheLaterChecks() throws Exception {
        DirectoryDataSource files = new DirectoryDataSource(TestDataSets.hongKong());
        AtomicInteger versionCalls = new AtomicInteger();
        VersionedDataSource source = withVersion(files, () -> {
            if (versionCalls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space (simulated: a second data set did not fit)");
            }
            return "v1";
        });
        DataSetLoader loader = new DataSetLoader(Json.newMapper(), Clock.systemUTC());
        DataSet served = loader.load(files);
        try (DataSetReloader reloader = new DataSetReloader(source, served, "v1", loader, d -> { },
                Clock.systemUTC()).every(Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (versionCalls.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(versionCalls.get()).as("checks after the one that threw an Error").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void anErrorIsReportedAsTheChecksFailure() {
        DirectoryDataSource files = new DirectoryDataSource(TestDataSets.hongKong());
        DataSetLoader loader = new DataSetLoader(Json.newMapper(), Clock.systemUTC());
        VersionedDataSource failing = withVersion(files, () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        try (DataSetReloader reloader = new DataSetReloader(failing, loader.load(files), "v1", loader, d -> { },
                Clock.systemUTC())) {
            reloader.checkNow();

            assertThat(reloader.status().lastError()).isEqualTo("java.lang.OutOfMemoryError: Java heap space");
        }
    }

    /** The files of {@code files}, in a version {@code version} gives (or throws). */
    private static VersionedDataSource withVersion(DirectoryDataSource files, Supplier<String> version) {
        return new VersionedDataSource() {
            @Override
            public String description() {
                return "test source";
            }

            @Override
            public Optional<byte[]> read(String path) throws IOException {
                return files.read(path);
            }

            @Override
            public List<String> list(String folder) throws IOException {
                return files.list(folder);
            }

            @Override
            public String version() {
                return version.get();
            }
        };
    }
}
