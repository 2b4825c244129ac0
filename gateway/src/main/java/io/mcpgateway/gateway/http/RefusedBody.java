package io.mcpgateway.gateway.http;

import io.javalin.http.Context;
import io.mcpgateway.http.UnreadBody;
import io.mcpgateway.mcpkit.RefusedServletBody;

/**
 * A request refused as too large (413) usually leaves most of its body unread while the client is still sending it;
 * Jetty then closes the connection after the answer, and a client still writing sees a broken pipe instead of the 413
 * (an intermittent failure of RequestValidationIntegrationTest). So the rest is read and dropped before answering
 * ({@link UnreadBody}: up to {@value UnreadBody#LIMIT_FACTOR} times the limit, a sender that stops waited for 1 s, not
 * until the connection's idle timeout: a declared 3 MB that never came made its 413 take 30 s); past that the answer
 * says {@code Connection: close}.
 */
public final class RefusedBody {

    private RefusedBody() {
    }

    /** Reads and drops what is left of the body of a request refused with 413. */
    public static void drop(Context ctx, long maxRequestBytes) {
        long limit = maxRequestBytes * UnreadBody.LIMIT_FACTOR;
        if (!RefusedServletBody.drop(ctx.req(), limit, true)) {
            ctx.header("Connection", "close");
        }
    }
}
