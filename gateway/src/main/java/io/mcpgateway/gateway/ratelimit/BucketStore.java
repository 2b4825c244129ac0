package io.mcpgateway.gateway.ratelimit;

import java.util.List;

/**
 * Where the buckets of all callers live: this process's memory, or Redis shared by every gateway instance. A bucket is
 * full until its first use.
 */
interface BucketStore {

    /**
     * Checks one request against all its buckets in one atomic step, all or nothing: takes one token from each when
     * every one has a token, and none otherwise, so a refused request leaves every bucket as it was.
     *
     * @return how each bucket stands after the check, in the order of {@code buckets}
     */
    List<BucketProbe> tryConsume(List<LimitBucket> buckets);
}
