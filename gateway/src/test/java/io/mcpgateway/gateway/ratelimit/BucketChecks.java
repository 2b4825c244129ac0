package io.mcpgateway.gateway.ratelimit;

import java.util.List;

/** Checks on a {@link BucketStore} as tests write them. */
final class BucketChecks {

    private BucketChecks() {
    }

    /** A check of the one bucket {@code key} of {@code limit}. */
    static BucketProbe checkOne(BucketStore store, String key, LimitWindow limit) {
        return store.tryConsume(List.of(new LimitBucket(key, limit))).getFirst();
    }

    /** Whether the check took a token from each bucket: it takes from all or none, when all had room. */
    static boolean taken(List<BucketProbe> probes) {
        return probes.stream().allMatch(BucketProbe::hadRoom);
    }
}
