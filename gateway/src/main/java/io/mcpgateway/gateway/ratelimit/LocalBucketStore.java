package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;

/**
 * Buckets in this process's memory, bounded: a bucket idle for its whole window is full again, so it is dropped then
 * (a new one would be the same), and at most {@code maxBuckets} are kept however many callers there are. A check
 * holds the locks of its buckets' keys while it looks at all of them and then takes from all or none.
 */
final class LocalBucketStore implements BucketStore {

    static final long DEFAULT_MAX_BUCKETS = 100_000;
    private static final int LOCK_STRIPES = 64;

    private final Cache<String, LocalBucket> buckets;
    private final TimeMeter time;
    private final KeyLocks locks = new KeyLocks(LOCK_STRIPES);

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
    public List<BucketProbe> tryConsume(List<LimitBucket> checked) {
        return locks.holding(checked.stream().map(LimitBucket::key).toList(), () -> {
            List<BucketProbe> looked = checked.stream().map(this::look).toList();
            // Under the locks a bucket can only gain tokens meanwhile (its window ending; one expired or evicted
            // meanwhile comes back full), so every take succeeds.
            return looked.stream().allMatch(BucketProbe::hadRoom) ? checked.stream().map(this::take).toList() : looked;
        });
    }

    /**
     * How the bucket stands, without taking a token, creating it, or counting as a use: a refused request must not
     * keep an idle bucket cached, where the next window would follow the old one's grid instead of starting anew.
     */
    private BucketProbe look(LimitBucket checked) {
        LocalBucket held = buckets.policy().getIfPresentQuietly(checked.key());
        if (held == null) {
            return BucketProbe.full(checked.limit());
        }
        VerboseResult<EstimationProbe> estimate = held.bucket().asVerbose().estimateAbilityToConsume(1);
        return new BucketProbe(checked.limit(), estimate.getValue().canBeConsumed(),
                estimate.getValue().getRemainingTokens(),
                Duration.ofNanos(estimate.getDiagnostics().calculateFullRefillingTime()));
    }

    private BucketProbe take(LimitBucket checked) {
        ConsumptionProbe probe = buckets.get(checked.key(), key -> new LocalBucket(checked.limit(), Bucket.builder()
                .addLimit(checked.limit().bandwidth())
                .withCustomTimePrecision(time)
                .build())).bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            // the other buckets' tokens are taken already: going on would lose them without a word
            throw new IllegalStateException("bucket " + checked.key() + " had room a moment ago, under its lock");
        }
        return new BucketProbe(checked.limit(), probe.isConsumed(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForReset()));
    }

    private record LocalBucket(LimitWindow limit, Bucket bucket) {
    }
}
