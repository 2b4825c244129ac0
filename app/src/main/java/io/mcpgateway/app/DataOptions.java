package io.mcpgateway.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.app.diagnostics.UrlOption;
import io.mcpgateway.restaurant.data.ClasspathDataSource;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetException;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DataSetReloader;
import io.mcpgateway.restaurant.data.DataSource;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.data.FileTooLargeException;
import io.mcpgateway.restaurant.data.S3DataSource;
import io.mcpgateway.restaurant.data.S3Location;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchData;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** Where the restaurant data comes from, how it is kept fresh, and how much of it one search may return. */
final class DataOptions {

    private static final Logger log = LoggerFactory.getLogger(DataOptions.class);

    @Option(names = "--data-dir", defaultValue = "${env:DATA_DIR}",
            description = "Data set in the original layout (districts/ and restaurants/), env DATA_DIR; without it"
                    + " (or --data-s3-bucket) the bundled demo data set is served.")
    // a String: an empty one (DATA_DIR= in a shell) is unset, where Path.of("") would be the working directory
    String dataDir;

    @Option(names = "--data-s3-bucket", defaultValue = "${env:DATA_S3_BUCKET}",
            description = "S3 bucket holding the data set in the original layout (env DATA_S3_BUCKET); credentials"
                    + " come from the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, role).")
    String s3Bucket;

    @Option(names = "--data-s3-prefix", defaultValue = "${env:DATA_S3_PREFIX}",
            description = "Key prefix of the data set's root in the bucket, e.g. hk/ (env DATA_S3_PREFIX;"
                    + " default none).")
    String s3Prefix;

    @Option(names = "--data-s3-region", defaultValue = "${env:AWS_REGION:-us-east-1}",
            description = "The bucket's region (env AWS_REGION; default ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--data-s3-endpoint", defaultValue = "${env:DATA_S3_ENDPOINT}", converter = UrlOption.class,
            description = "Endpoint of an S3-compatible store (MinIO, S3Mock...), addressed path-style"
                    + " (env DATA_S3_ENDPOINT).")
    URI s3Endpoint;

    @Option(names = "--data-reload-seconds", defaultValue = "${env:DATA_RELOAD_SECONDS:-60}",
            converter = CountConverters.ZeroOrMore.class,
            description = "How often the S3 data set's ETags are checked; a change is loaded and served without"
                    + " dropping a request (env DATA_RELOAD_SECONDS; default ${DEFAULT-VALUE}; 0 = never).")
    int reloadSeconds;

    @Option(names = "--max-page-size", defaultValue = "${env:MAX_PAGE_SIZE:-" + PageRequest.DEFAULT_MAX_PAGE_SIZE + "}",
            converter = CountConverters.OneOrMore.class,
            description = "Most restaurants one search returns (env MAX_PAGE_SIZE; default ${DEFAULT-VALUE}).")
    int maxPageSize;

    /** The data to serve, and what keeps it fresh (nothing for a directory or the demo data): close it on stop. */
    record Served(SearchData data, AutoCloseable reloading) {
    }

    Served open(JsonMapper mapper, Clock clock) {
        try {
            FileTooLargeException.maxBytes(); // the limit every read applies: a wrong one is said at start
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        if (s3Bucket == null || s3Bucket.isBlank()) {
            if (s3Endpoint != null) {
                throw new StartupException("--data-s3-endpoint (DATA_S3_ENDPOINT) needs --data-s3-bucket"
                        + " (DATA_S3_BUCKET)");
            }
            if (s3Prefix != null && !s3Prefix.isBlank()) {
                throw new StartupException("--data-s3-prefix (DATA_S3_PREFIX) needs --data-s3-bucket (DATA_S3_BUCKET)");
            }
            return new Served(new SearchData(load(mapper, clock)), () -> { });
        }
        if (dataDir() != null) {
            throw new StartupException("give either --data-dir (DATA_DIR) or --data-s3-bucket (DATA_S3_BUCKET), not"
                    + " both");
        }
        S3Location location = s3Location();
        S3DataSource source = S3DataSource.connect(location);
        DataSetLoader loader = new DataSetLoader(mapper, clock);
        // a store that takes connections and never answers holds the start for S3DataSource.CALL_TIMEOUT: say what
        // is being waited for before that
        log.info("Reading the data set from {}", location);
        try {
            String version = source.version();
            DataSet first = loader.load(source);
            SearchData data = new SearchData(first);
            if (reloadSeconds == 0) {
                return new Served(data, source);
            }
            DataSetReloader reloader = new DataSetReloader(source, first, version, loader, data::replace, clock)
                    .every(Duration.ofSeconds(reloadSeconds));
            data.describeReloadsWith(() -> describe(reloader.status()));
            return new Served(data, () -> {
                reloader.close();
                source.close();
            });
        } catch (IOException | DataSetException e) {
            source.close();
            throw new StartupException("--data-s3-bucket (DATA_S3_BUCKET): " + e.getMessage());
        } catch (OutOfMemoryError e) {
            source.close();
            throw new StartupException("--data-s3-bucket (DATA_S3_BUCKET): " + doesNotFit());
        }
    }

    private static String doesNotFit() {
        return "the data set does not fit in the heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB): give the server a larger one (-Xmx; about 100 MB per 100,000 restaurants)";
    }

    DataSet load(JsonMapper mapper, Clock clock) {
        DataSource source = localSource();
        try {
            return new DataSetLoader(mapper, clock).load(source);
        } catch (DataSetException e) {
            throw new StartupException("--data-dir (DATA_DIR): " + e.getMessage());
        } catch (OutOfMemoryError e) { // the loading's memory is free again once it is abandoned: say so plainly
            throw new StartupException("--data-dir (DATA_DIR): " + doesNotFit());
        }
    }

    private S3Location s3Location() {
        if (s3Region == null || !s3Region.strip().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new StartupException("--data-s3-region (AWS_REGION) must be a region name such as eu-west-1 but was '"
                    + s3Region + "'");
        }
        if (s3Endpoint != null && !(s3Endpoint.getRawPath() == null || s3Endpoint.getRawPath().isEmpty()
                || s3Endpoint.getRawPath().equals("/"))) {
            // path-style addressing puts the bucket in the path: one there already would be taken for the bucket
            throw new StartupException("--data-s3-endpoint (DATA_S3_ENDPOINT) must be the store's address without a"
                    + " path, such as http://minio:9000, but has the path '" + s3Endpoint.getRawPath() + "'");
        }
        try {
            return new S3Location(s3Bucket.strip(), s3Prefix, s3Region.strip(), s3Endpoint);
        } catch (IllegalArgumentException e) {
            throw new StartupException("--data-s3-bucket (DATA_S3_BUCKET): " + e.getMessage());
        }
    }

    private Map<String, Object> describe(DataSetReloader.Status status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("every_seconds", reloadSeconds);
        details.put("last_check", status.lastCheck() == null ? null : status.lastCheck().toString());
        details.put("last_reload", status.lastReload() == null ? null : status.lastReload().toString());
        details.put("reloads", status.reloads());
        details.put("last_error", status.lastError());
        return details;
    }

    private DataSource localSource() {
        Path directory = dataDir();
        if (directory == null) {
            return ClasspathDataSource.bundledDemo();
        }
        if (!Files.isDirectory(directory)) {
            throw new StartupException("--data-dir (DATA_DIR): " + directory + " is not a directory");
        }
        return new DirectoryDataSource(directory);
    }

    /** The data directory given, or null when none is (or an empty name, as DATA_S3_BUCKET's is). */
    private Path dataDir() {
        if (dataDir == null || dataDir.isBlank()) {
            return null;
        }
        try {
            return Path.of(dataDir);
        } catch (InvalidPathException e) {
            throw new StartupException("--data-dir (DATA_DIR): not a path: " + e.getReason());
        }
    }
}
