package io.mcpgateway.restaurant.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A data set packaged as class-path resources under a folder, such as the bundled demo data. */
public final class ClasspathDataSource implements DataSource {

    /** The folder of the bundled demo data set that {@code DemoDataGenerator} writes. */
    public static final String DEMO_DATA_FOLDER = "demo-data";

    private final String folder;
    private final ClassLoader classLoader;

    public ClasspathDataSource(String folder, ClassLoader classLoader) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** The demo data set bundled in the jar. */
    public static ClasspathDataSource bundledDemo() {
        return new ClasspathDataSource(DEMO_DATA_FOLDER, ClasspathDataSource.class.getClassLoader());
    }

    @Override
    public String description() {
        return "bundled demo data set";
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        try (InputStream in = classLoader.getResourceAsStream(folder + "/" + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    @Override
    public List<String> list(String folder) {
        return List.of(); // a jar cannot be listed portably; the bundled set is generated, so it has no strays
    }
}
