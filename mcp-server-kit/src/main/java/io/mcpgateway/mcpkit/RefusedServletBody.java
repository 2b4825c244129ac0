package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import org.eclipse.jetty.ee10.servlet.HttpInput;

import io.mcpgateway.http.UnreadBody;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;

/** What is left of a refused request's body, read from the servlet's stream and dropped ({@link UnreadBody}). */
public final class RefusedServletBody {

    private RefusedServletBody() {
    }

    /**
     * @param limit the most to read; a body declared longer is not read at all
     * @param waitForRest whether to wait for what is on its way (a body refused as too large is most likely still
     *     being sent)
     * @return whether the body was read to its end, so that the connection can carry the next request; otherwise
     *     the answer should say {@code Connection: close}
     */
    public static boolean drop(ServletRequest request, long limit, boolean waitForRest) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return false; // more than would be read: not worth reading any of it
        }
        ServletInputStream in;
        try {
            in = request.getInputStream();
        } catch (IllegalStateException e) {
            return true; // the body was read as characters (getReader): nothing is left on the connection
        } catch (IOException e) {
            return false;
        }
        // Jetty's stream says it is finished only once a read has met the body's end: with every declared byte read
        // there is no more to wait for (a body sent whole waited a second for an end that had come, then was closed)
        BooleanSupplier finished = in instanceof HttpInput jetty && declared >= 0
                ? () -> jetty.isFinished() || jetty.getContentConsumed() >= declared
                : in::isFinished;
        return UnreadBody.drop(in, finished, limit, waitForRest);
    }
}
