package io.mcpgateway.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Where the buckets of all callers live: this process's memory, or Redis shared by every gateway instance. A bucket is
 * created full on its first use.
 */
interface BucketStore {

    /** Takes one token from the bucket {@code key} of {@code limit}, or says how long until there is one. */
    ConsumptionProbe tryConsume(String key, LimitWindow limit);

    /** Gives back a token taken for a request that another limit then refused. */
    void refund(String key, LimitWindow limit);
}
