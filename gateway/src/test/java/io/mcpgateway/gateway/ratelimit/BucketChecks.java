package io.mcpgateway.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** Runs {@code checks} checks of {@code buckets} at once, each on a thread of its own; says how many took. */
    static int takenOfConcurrentChecks(BucketStore store, List<LimitBucket> buckets, int checks)
            throws InterruptedException, ExecutionException {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<BucketProbe>>> started = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < checks; i++) {
                started.add(threads.submit(() -> {
                    go.await();
                    return store.tryConsume(buckets);
                }));
            }
            go.countDown();
        }
        int taken = 0;
        for (Future<List<BucketProbe>> check : started) {
            taken += taken(check.get()) ? 1 : 0;
        }
        return taken;
    }
}
