package io.mcpgateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

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
            throw new StartupException("--out " + out + " must be a new or empty directory");
        }
        ProgressBar progress = ProgressBar.onStderr("Generating", restaurants);
        new DemoDataGenerator(Json.newMapper(), seed).write(out, restaurants, !compact, progress::update);
        progress.finish();
        spec.commandLine().getOut().printf("Wrote %,d restaurants in %d districts to %s%n", restaurants,
                DemoDataGenerator.districtCount(), out);
        return 0;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }
}
