package io.mcpgateway.gateway.ratelimit;

import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this process's memory, bounded: a bucket idle for its whole window is full again, so it is dropped then
 * (a new one would be the same), and at most {@code maxBuckets} are kept however many callers there are.
 */
final class LocalBucketStore implements BucketStore {

    static final long DEFAULT_MAX_BUCKETS = 100_000;

    private final Cache<String, LocalBucket> buckets;
    private final TimeMeter time;

    LocalBucketStore(TimeMeter time, long maxBuckets) {
        this.time = Objects.requireNonNull(time, "time");
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(Expiry.<String, LocalBucket>accessing((key, bucket) -> bucket.limit().window()))
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run) // upkeep on the request's thread: no wake-up of a pool thread per few reads
                .build();
    }

    static LocalBucketStore inMemory() {
        return new LocalBucketStore(TimeMeter.SYSTEM_NANOTIME, DEFAULT_MAX_BUCKETS);
    }

    /** How many buckets are held now, after dropping the expired ones. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, LimitWindow limit) {
        return bucket(key, limit).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, LimitWindow limit) {
        bucket(key, limit).addTokens(1);
    }

    private Bucket bucket(String key, LimitWindow limit) {
        return buckets.get(key, k -> new LocalBucket(limit, Bucket.builder()
                .addLimit(limit.bandwidth())
                .withCustomTimePrecision(time)
                .build())).bucket();
    }

    private record LocalBucket(LimitWindow limit, Bucket bucket) {
    }
}
