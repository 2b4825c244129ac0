package io.mcpgateway.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Locks for sets of keys, striped: a step on several keys holds the stripes of all of them, taken in stripe order so
 * two steps sharing keys never deadlock, while steps on other keys mostly run in parallel.
 */
final class KeyLocks {

    private final ReentrantLock[] stripes;

    /** @param stripes how many locks the keys are spread over, a power of two */
    KeyLocks(int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two but was " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code step} holding the locks of all {@code keys}. */
    <T> T holding(List<String> keys, Supplier<T> step) {
        int[] held = keys.stream().mapToInt(this::stripe).distinct().sorted().toArray();
        int locked = 0;
        try {
            for (int stripe : held) {
                stripes[stripe].lock();
                locked++;
            }
            return step.get();
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
    }

    private int stripe(String key) {
        int hash = key.hashCode();
        return (hash ^ (hash >>> 16)) & (stripes.length - 1);
    }
}
