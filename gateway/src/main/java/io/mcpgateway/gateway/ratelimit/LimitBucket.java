package io.mcpgateway.gateway.ratelimit;

import java.util.Objects;

/** One caller's bucket of one limit: the key a store keeps it under and the limit it counts. */
record LimitBucket(String key, LimitWindow limit) {

    LimitBucket {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
    }
}
