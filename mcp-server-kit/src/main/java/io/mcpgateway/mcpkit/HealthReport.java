package io.mcpgateway.mcpkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a server says about itself on {@code GET /health}.
 *
 * @param status overall state
 * @param details server-specific facts (data set, counts), rendered under their keys
 */
public record HealthReport(Status status, Map<String, Object> details) {

    public enum Status {
        /** Everything works. */
        HEALTHY("healthy", 200),
        /** It serves, but something is wrong (for example files of the data set could not be loaded). */
        DEGRADED("degraded", 200),
        /** It cannot serve. */
        UNHEALTHY("unhealthy", 503);

        private final String wireName;
        private final int httpStatus;

        Status(String wireName, int httpStatus) {
            this.wireName = wireName;
            this.httpStatus = httpStatus;
        }

        public String wireName() {
            return wireName;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public HealthReport {
        Objects.requireNonNull(status, "status");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
