package io.mcpgateway.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Lua script ({@code fixed-window.lua}) that checks one request against the buckets of all its
 * {@link LimitWindow}s in Redis in one atomic call, taking a token from each or from none: the fixed window of
 * {@link LimitWindow#bandwidth()} in memory, with the same counts and headers within a window. After a window ended
 * unused, the script starts the next at the call that takes its first token, where Bucket4j may keep the old window's
 * grid: the time a quota comes back can then differ between the stores.
 */
final class FixedWindowScript {

    static final String TEXT = load("fixed-window.lua");

    private FixedWindowScript() {
    }

    /**
     * ARGV: key grace in milliseconds, then each bucket's capacity and window in microseconds (Redis's TIME
     * resolution), in the order of their keys.
     */
    static String[] arguments(List<LimitBucket> buckets, Duration keyGrace) {
        List<String> arguments = new ArrayList<>(1 + 2 * buckets.size());
        arguments.add(Long.toString(keyGrace.toMillis()));
        for (LimitBucket bucket : buckets) {
            arguments.add(Long.toString(bucket.limit().capacity()));
            arguments.add(Long.toString(bucket.limit().window().toNanos() / 1_000));
        }
        return arguments.toArray(String[]::new);
    }

    /** The script's reply, per bucket {had room 1/0, tokens left, microseconds until the window ends}. */
    static List<BucketProbe> probes(List<LimitBucket> buckets, List<Object> reply) {
        if (reply.size() != buckets.size()) {
            throw new IllegalStateException("rate limit script answered " + reply.size() + " buckets for "
                    + buckets.size());
        }
        return IntStream.range(0, buckets.size())
                .mapToObj(i -> probe(buckets.get(i).limit(), (List<?>) reply.get(i)))
                .toList();
    }

    private static BucketProbe probe(LimitWindow limit, List<?> window) {
        return new BucketProbe(limit, (Long) window.get(0) == 1, (Long) window.get(1),
                Duration.ofNanos((Long) window.get(2) * 1_000));
    }

    private static String load(String name) {
        try (InputStream in = FixedWindowScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("rate limit script missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
