package io.mcpgateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real Hong Kong data set the original serves ({@code ../shared/data/hk-restaurants} beside the project).
 * It is not copied into the repository, so tests that need it skip, with the reason printed, when it is absent.
 */
public final class TestDataSets {

    /** The system property the build sets to the data set's location. */
    public static final String PROPERTY = "hk.data.dir";

    private TestDataSets() {
    }

    /** The real data set's directory; skips the calling test when it is not there. */
    public static Path hongKong() {
        String configured = System.getProperty(PROPERTY, "../shared/data/hk-restaurants");
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        boolean present = Files.isRegularFile(dir.resolve("districts/master-config.json"));
        if (!present) {
            System.out.println("SKIPPED: the real data set is not at " + dir + " (set -D" + PROPERTY + "=DIR)");
        }
        Assumptions.assumeTrue(present, "the real data set is not at " + dir);
        return dir;
    }
}
