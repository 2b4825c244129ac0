package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.time.Duration;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;

/**
 * A request refused as too large (413) usually leaves most of its body unread while the client is still sending it;
 * Jetty then closes the connection after the answer, and a client still writing sees a broken pipe instead of the 413
 * (an intermittent failure of RequestValidationIntegrationTest). So the rest is read and dropped before answering, up
 * to {@value #LIMIT_FACTOR} times the limit; past that the answer says {@code Connection: close}. The same rule as
 * mcp-server-kit's SafeErrorFilter, which the gateway does not depend on. A client that stops sending is waited for
 * {@link #QUIET} at most, not until the connection's idle timeout (a declared 3 MB that never came made its 413 take
 * 30 s).
 */
public final class RefusedBody {

    static final int LIMIT_FACTOR = 8;
    static final Duration QUIET = Duration.ofSeconds(1);
    /** And a trickle is read for this long at most. */
    static final Duration AT_MOST = Duration.ofSeconds(5);

    private RefusedBody() {
    }

    /** Reads and drops what is left of the body of a request refused with 413. */
    public static void drop(Context ctx, long maxRequestBytes) {
        long limit = maxRequestBytes * LIMIT_FACTOR;
        if (ctx.req().getContentLengthLong() > limit) {
            ctx.header("Connection", "close");
            return;
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            long quietSince = System.nanoTime();
            long giveUpAt = quietSince + AT_MOST.toNanos();
            while (!in.isFinished() && read <= limit && System.nanoTime() - giveUpAt < 0) {
                int available = in.available();
                if (available <= 0) {
                    if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                        break;
                    }
                    Thread.sleep(2); // a virtual thread: parks
                    continue;
                }
                int n = in.read(buffer, 0, Math.min(buffer.length, available));
                if (n < 0) {
                    return;
                }
                read += n;
                quietSince = System.nanoTime();
            }
            if (!in.isFinished()) {
                ctx.header("Connection", "close");
            }
        } catch (IllegalStateException e) {
            // the body was read as characters: nothing is left on the connection
        } catch (IOException e) {
            ctx.header("Connection", "close");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.header("Connection", "close");
        }
    }
}
