package io.mcpgateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * What is left of a request body that was refused before it was read. Left on the connection, it makes Jetty close
 * the connection after the answer without saying so: a keep-alive client reuses it and finds it closed, and a client
 * still sending a large body sees a broken pipe instead of the answer. So it is read and dropped first, within bounds;
 * when more is left, the answer should say {@code Connection: close}. The gateway and the MCP servers share this rule.
 */
public final class UnreadBody {

    /** A refused body is read and dropped up to this many times the request size limit. */
    public static final int LIMIT_FACTOR = 8;
    /** How long a sender is waited for when nothing arrives: a client that declared a body and sends none. */
    static final long QUIET_NANOS = 1_000_000_000L;
    /** And a trickle is read for this long at most. */
    static final long AT_MOST_NANOS = 5_000_000_000L;

    private UnreadBody() {
    }

    /**
     * Reads and drops the rest of a body from {@code in}, at most {@code limit} bytes: when {@code waitForRest} (the
     * sender of a too-large body is most likely still sending) also what is on its way, as long as it keeps coming,
     * otherwise only what has arrived.
     *
     * @param finished whether the body has been read to its end (the servlet stream's {@code isFinished})
     * @return whether it was read to its end, so the connection can carry the next request
     */
    public static boolean drop(InputStream in, BooleanSupplier finished, long limit, boolean waitForRest) {
        byte[] buffer = new byte[8192];
        long read = 0;
        long quietSince = System.nanoTime();
        long giveUpAt = quietSince + AT_MOST_NANOS;
        try {
            while (!finished.getAsBoolean() && read <= limit && System.nanoTime() - giveUpAt < 0) {
                int available = in.available();
                if (available <= 0) {
                    if (!waitForRest || System.nanoTime() - quietSince > QUIET_NANOS) {
                        break;
                    }
                    Thread.sleep(2); // a virtual thread: parks
                    continue;
                }
                int n = in.read(buffer, 0, Math.min(buffer.length, available));
                if (n < 0) {
                    return true;
                }
                read += n;
                quietSince = System.nanoTime();
            }
            return finished.getAsBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
