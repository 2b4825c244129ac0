package io.mcpgateway.restaurant.data;

import java.io.IOException;

/** A data source that can tell, cheaply, whether its files changed since an earlier look. */
public interface VersionedDataSource extends DataSource {

    /** A value that differs whenever any file of the data set differs (content, presence). */
    String version() throws IOException;
}
