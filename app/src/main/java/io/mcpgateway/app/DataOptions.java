package io.mcpgateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.mcpgateway.restaurant.data.ClasspathDataSource;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetException;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DataSource;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** Where the restaurant data comes from, and how much of it one search may return. */
final class DataOptions {

    @Option(names = "--data-dir", defaultValue = "${env:DATA_DIR}",
            description = "Data set in the original layout (districts/ and restaurants/), env DATA_DIR; without it"
                    + " the bundled demo data set is served.")
    Path dataDir;

    @Option(names = "--max-page-size", defaultValue = "${env:MAX_PAGE_SIZE:-" + PageRequest.DEFAULT_MAX_PAGE_SIZE + "}",
            description = "Most restaurants one search returns (env MAX_PAGE_SIZE; default ${DEFAULT-VALUE}).")
    int maxPageSize;

    DataSet load(JsonMapper mapper, Clock clock) {
        if (maxPageSize < 1) {
            throw new StartupException("--max-page-size (MAX_PAGE_SIZE) must be at least 1 but was " + maxPageSize);
        }
        DataSource source = dataSource();
        try {
            return new DataSetLoader(mapper, clock).load(source);
        } catch (DataSetException e) {
            throw new StartupException("--data-dir (DATA_DIR): " + e.getMessage());
        }
    }

    private DataSource dataSource() {
        if (dataDir == null) {
            return ClasspathDataSource.bundledDemo();
        }
        if (!Files.isDirectory(dataDir)) {
            throw new StartupException("--data-dir (DATA_DIR): " + dataDir + " is not a directory");
        }
        return new DirectoryDataSource(dataDir);
    }
}
