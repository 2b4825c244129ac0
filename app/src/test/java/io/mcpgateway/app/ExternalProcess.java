package io.mcpgateway.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A program the interop tests run (the TypeScript client, the conformance suite): started, waited for with a
 * deadline (and killed past it), its output read back from files in a scratch directory.
 */
public record ExternalProcess(boolean finished, int exitCode, String stdout, String stderr) {

    /** Runs {@code builder} to its end or to {@code timeout}, whichever comes first. */
    public static ExternalProcess run(ProcessBuilder builder, Duration timeout, Path scratch) {
        try {
            Path out = Files.createTempFile(scratch, "process", ".out");
            Path err = Files.createTempFile(scratch, "process", ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new ExternalProcess(finished, finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + builder.command() + " in " + builder.directory(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + builder.command() + " ran", e);
        }
    }

    /** The version {@code node --version} prints, or null when there is no working node on the PATH. */
    public static String nodeVersion() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? version : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The major version of the {@code node} on the PATH, 0 when there is none. */
    public static int nodeMajorVersion() {
        String version = nodeVersion();
        java.util.regex.Matcher major = version == null ? null
                : java.util.regex.Pattern.compile("^v(\\d+)\\.").matcher(version);
        return major != null && major.find() ? Integer.parseInt(major.group(1)) : 0;
    }

    /** Skips the test class or test unless {@code condition}, printing why (a skip is easy to miss in a report). */
    public static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }

    /**
     * {@code relative} in the checkout, found from the working directory upwards (Maven runs tests in app/), as the
     * directory that holds {@code marker}.
     */
    public static Path checkoutDirectory(String relative, String marker) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate.resolve(marker))) {
                return candidate;
            }
        }
        throw new AssertionError(relative + "/" + marker + " is not in " + Path.of("").toAbsolutePath()
                + " or any directory above it");
    }
}
