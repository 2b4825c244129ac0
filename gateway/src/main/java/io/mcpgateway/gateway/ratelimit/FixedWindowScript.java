package io.mcpgateway.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The Lua script ({@code fixed-window.lua}) that takes or gives back one token of a {@link LimitWindow}'s bucket in
 * Redis in one atomic call: the fixed window of {@link LimitWindow#bandwidth()} in memory, with the same counts and
 * headers within a window. After a window ended unused, the script starts the next at the call that finds it over,
 * where Bucket4j may keep the old window's grid: the time a quota comes back can then differ between the stores.
 */
final class FixedWindowScript {

    static final String TEXT = load("fixed-window.lua");

    enum Operation {
        CONSUME, REFUND;

        String argument() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private FixedWindowScript() {
    }

    /** ARGV: capacity, window in microseconds (Redis's TIME resolution), key grace in milliseconds, operation. */
    static String[] arguments(LimitWindow limit, Duration keyGrace, Operation operation) {
        return new String[] {Long.toString(limit.capacity()), Long.toString(limit.window().toNanos() / 1_000),
                Long.toString(keyGrace.toMillis()), operation.argument()};
    }

    /** The script's reply {consumed 1/0, tokens left, microseconds until the window ends} as Bucket4j reports it. */
    static ConsumptionProbe probe(List<Object> reply) {
        long remaining = (Long) reply.get(1);
        long nanosToReset = (Long) reply.get(2) * 1_000;
        // A window's tokens come back all at once: the next token and the full quota are both at its end.
        return (Long) reply.get(0) == 1 ? ConsumptionProbe.consumed(remaining, nanosToReset)
                : ConsumptionProbe.rejected(remaining, nanosToReset, nanosToReset);
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
