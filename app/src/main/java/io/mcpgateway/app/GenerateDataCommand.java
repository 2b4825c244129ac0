package io.mcpgateway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.demo.DemoDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate-data}: writes a synthetic data set in the original layout, for demos and scale tests. */
@Command(name = "generate-data", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write a synthetic Hong Kong restaurant data set in the original layout (districts/ and"
                + " restaurants/) covering all 85 districts. The same seed and size always give the same files.")
final class GenerateDataCommand implements Callable<Integer> {

    /** A stopped run's partial directory is deleted again until its writer has stopped: at most 100 x 10 ms. */
    private static final int STOP_ATTEMPTS = 100;
    private static final long STOP_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Directory to write (created if missing; must be empty).")
    Path out;

    @Option(names = "--restaurants", defaultValue = "" + DemoDataGenerator.DEMO_RESTAURANTS,
            converter = CountConverters.ZeroOrMore.class,
            description = "Number of restaurants (default ${DEFAULT-VALUE}, the bundled demo size).")
    int restaurants;

    @Option(names = "--seed", defaultValue = "" + DemoDataGenerator.DEMO_SEED,
            description = "Random seed (default ${DEFAULT-VALUE}, the bundled demo seed).")
    long seed;

    @Option(names = "--compact", description = "Write compact JSON instead of indented (smaller and faster).")
    boolean compact;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
            throw new StartupException("--out " + out + " must be a new or empty directory, but "
                    + (Files.isDirectory(out) ? "it holds files" : "it is a file"));
        }
        ProgressBar progress = ProgressBar.onStderr("Generating", restaurants);
        try {
            writeWholeOrNothing((dir, stopping) -> new DemoDataGenerator(Json.newMapper(), seed).write(dir,
                    restaurants, !compact, written -> showOrStop(progress, written, stopping)));
        } catch (CancellationException e) {
            return 1; // stopped by a signal: the JVM exits with its code, and nothing was left behind
        }
        progress.finish();
        spec.commandLine().getOut().printf("Wrote %,d restaurants in %d districts to %s%n", restaurants,
                DemoDataGenerator.districtCount(), out);
        return 0;
    }

    /** Shows the progress, or ends the writing when the run is stopping, so that its files can be removed. */
    private static void showOrStop(ProgressBar progress, int written, BooleanSupplier stopping) {
        if (stopping.getAsBoolean()) {
            throw new CancellationException("the run is stopping");
        }
        progress.update(written);
    }

    /** Writes into a directory, and stops when {@code stopping} says so. */
    @FunctionalInterface
    private interface Writing {
        void into(Path dir, BooleanSupplier stopping) throws IOException;
    }

    /**
     * Writes the data set into a hidden directory in {@code --out}, then moves what it holds up into {@code --out}: a
     * run stopped half-way (Ctrl-C, a full disk) leaves no half data set, which a search server would serve as one
     * with districts missing, and which a new run would refuse as a directory not empty.
     */
    private void writeWholeOrNothing(Writing writing) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        for (Path above = target.getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above) && !Files.isDirectory(above)) {
                throw new StartupException("--out " + out + ": " + above + " is not a directory");
            }
        }
        Files.createDirectories(target);
        // inside --out, not beside it: --out may be a mounted volume, and a directory cannot be moved across file
        // systems
        Path partial = Files.createTempDirectory(target, ".partial-");
        AtomicBoolean stopping = new AtomicBoolean();
        // A stop while writing: the writer is told to stop, since a file it created while the tree was deleted left
        // a directory that could not be (the deletion is tried again until the writer has stopped).
        Thread removePartial = Thread.ofPlatform().unstarted(() -> {
            stopping.set(true);
            for (int attempt = 0; attempt < STOP_ATTEMPTS && Files.exists(partial); attempt++) {
                deleteQuietly(partial);
                LockSupport.parkNanos(STOP_RETRY_NANOS);
            }
        });
        Runtime.getRuntime().addShutdownHook(removePartial);
        try {
            writing.into(partial, stopping::get);
            try (var written = Files.list(partial)) {
                for (Path entry : written.toList()) {
                    Files.move(entry, target.resolve(entry.getFileName()));
                }
            }
        } finally {
            deleteQuietly(partial); // empty once moved; whatever was written when writing failed
            try {
                Runtime.getRuntime().removeShutdownHook(removePartial);
            } catch (IllegalStateException e) {
                // the JVM is stopping: the hook runs
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a hidden directory left in --out
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }
}
