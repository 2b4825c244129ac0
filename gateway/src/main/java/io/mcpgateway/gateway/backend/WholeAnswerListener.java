package io.mcpgateway.gateway.backend;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

import io.mcpgateway.gateway.backend.BackendConnections.Answer;

/**
 * Reads a whole answer into one array, copying each chunk in as it arrives, up to a bound.
 *
 * <p>Jetty's {@code CompletableResponseListener} keeps every chunk it was given and copies them into an array at the
 * end: with the 144 KB answers of bench/gateway.sh that final copy, from buffers long out of the CPU's caches, was 8%
 * of the gateway's CPU (perf, {@code RetainableByteBuffer$DynamicCapacity.takeByteArray}). Here each chunk is copied
 * while it is still warm from the socket read, and its buffer goes back to the pool at once. The array has the size
 * the {@code Content-Length} announces, so an answer of known length is copied once and never grown.
 */
final class WholeAnswerListener implements Response.Listener {

    private static final int FIRST_CAPACITY = 16 * 1024;

    private final int maxBytes;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private byte[] body = new byte[0];
    private int size;

    WholeAnswerListener(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Completes with the answer, or with the failure: {@link TooLarge} past the bound. */
    CompletableFuture<Answer> answer() {
        return answer;
    }

    @Override
    public void onHeaders(Response response) {
        long announced = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (announced > maxBytes) {
            response.abort(new TooLarge(maxBytes));
        } else if (announced > 0) {
            body = new byte[(int) announced];
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        int length = content.remaining();
        if (length > maxBytes - size) {
            response.abort(new TooLarge(maxBytes));
            return;
        }
        if (length > body.length - size) {
            // no or a wrong Content-Length (a decoded answer is longer than the encoded one): grow, within the bound
            int wanted = Math.max(size + length, Math.max(FIRST_CAPACITY, body.length * 2));
            body = Arrays.copyOf(body, Math.min(wanted, maxBytes));
        }
        content.get(body, size, length);
        size += length;
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            answer.completeExceptionally(result.getFailure());
            return;
        }
        Response response = result.getResponse();
        answer.complete(new Answer(response.getStatus(),
                Objects.requireNonNullElse(response.getHeaders().get(HttpHeader.CONTENT_TYPE), ""),
                size == body.length ? body : Arrays.copyOf(body, size),
                response.getHeaders().get(BackendConnections.SESSION_HEADER)));
    }

    /** The answer is larger than the configured bound ({@code max_response_bytes}). */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes", null, false, false);
        }
    }
}
