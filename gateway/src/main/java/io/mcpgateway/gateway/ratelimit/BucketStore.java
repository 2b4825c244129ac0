package io.mcpgateway.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** Where the buckets of all callers live: this process's memory, or Redis shared by every gateway instance. */
interface BucketStore {

    /** The bucket {@code key} of {@code limit}, created full on its first use. */
    Bucket bucket(String key, LimitWindow limit);

    /** Takes one token from the bucket, or says how long until there is one. */
    default ConsumptionProbe tryConsume(String key, LimitWindow limit) {
        return bucket(key, limit).tryConsumeAndReturnRemaining(1);
    }

    /** Gives back a token taken for a request that another limit then refused. */
    default void refund(String key, LimitWindow limit) {
        bucket(key, limit).addTokens(1);
    }
}
