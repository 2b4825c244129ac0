package io.mcpgateway.text;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids, shared by the gateway and the MCP servers so one id follows a call through both logs: the gateway
 * sends its request's id to the backend in the same header it answers with.
 */
public final class RequestIds {

    /** The header that carries the id, in requests and in answers. */
    public static final String HEADER = "X-Request-ID";
    /** The MDC key under which log lines of the request carry the id. */
    public static final String MDC_KEY = "request_id";

    /** Printable, no spaces or quotes: safe to echo in headers and logs. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** True when {@code id} may be taken from a client and echoed. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** {@code incoming} when it is a valid id, else a fresh one. */
    public static String acceptOrCreate(String incoming) {
        return isValid(incoming) ? incoming : newId();
    }

    /**
     * A fresh request id: a random (version 4) UUID. Ids only correlate log lines and answers, they grant nothing, so
     * they come from {@link ThreadLocalRandom}: {@code randomUUID}'s SecureRandom was about 0.5% of a cached gateway
     * request's CPU (perf, bench/gateway.sh --targets cached).
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
