package io.mcpgateway.restaurant.data;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a data set in the original layout lives: a directory, the bundled demo data, or an S3 prefix.
 * Paths are relative to the data set's root and use {@code /}.
 */
public interface DataSource {

    /** A short human description for logs and {@code /health}, for example {@code directory /srv/data}. */
    String description();

    /** The bytes of a file, or empty when it does not exist. */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * The files below a folder, as paths relative to the root, so that files the catalog does not name can be
     * reported; empty when the source cannot list.
     */
    List<String> list(String folder) throws IOException;
}
