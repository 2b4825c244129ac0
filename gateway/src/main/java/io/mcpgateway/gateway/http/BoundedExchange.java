package io.mcpgateway.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcpgateway.failure.Causes;

/**
 * An exchange of the JDK's {@link HttpClient} bounded as a whole: {@link HttpRequest#timeout} only covers the wait for
 * the response's headers, so a server that stalls in the middle of its body held {@code send} (and with it the health
 * probes, a reload waiting for them, or a token fetch) for ever. Here the exchange is cancelled when its time is up,
 * body included, and a body read into memory has a size limit.
 */
public final class BoundedExchange {

    private BoundedExchange() {
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for the whole answer.
     *
     * @throws HttpTimeoutException when the answer, body included, took longer
     * @throws IOException when the exchange failed (or, for {@link #bytesUpTo}, the body was too large)
     */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request,
            HttpResponse.BodyHandler<T> handler, Duration timeout) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, handler);
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true); // the client then closes the connection, and no thread waits on it
            throw new HttpTimeoutException("no whole answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Why an exchange could not begin, in words that name no address (a health probe's reason is shown on the public
     * {@code /health}): a host name that does not resolve, or a refused connection; empty for any other failure. The
     * JDK's client reports both as a {@link ConnectException}, most often without a message, so a misspelt host was
     * taken for a server that is down.
     */
    public static Optional<String> connectFailure(IOException e) {
        if (Causes.find(e, UnresolvedAddressException.class).isPresent()
                || Causes.find(e, UnknownHostException.class).isPresent()) {
            return Optional.of("the host name does not resolve");
        }
        return e instanceof ConnectException && !(e instanceof HttpConnectTimeoutException)
                ? Optional.of("connection refused") : Optional.empty();
    }

    /** A body read into memory, refused (the exchange ends with an {@link IOException}) past {@code maxBytes}. */
    public static HttpResponse.BodyHandler<byte[]> bytesUpTo(int maxBytes) {
        return info -> new LimitedBytes(maxBytes);
    }

    /**
     * The body of a 200 read into memory as {@link #bytesUpTo} does; any other status's body is not read at all (the
     * exchange ends with an empty one as the headers arrive): a 503 whose page streams on without end held a health
     * probe until its timeout, and used the CPU and memory to read it meanwhile.
     */
    public static HttpResponse.BodyHandler<byte[]> bytesOf200UpTo(int maxBytes) {
        return info -> info.statusCode() == 200 ? new LimitedBytes(maxBytes) : new Unread();
    }

    /** The body went past the limit of {@link #bytesUpTo}. */
    public static final class AnswerTooLargeException extends IOException {

        AnswerTooLargeException(int maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes");
        }
    }

    /** A body left unread: the subscription is cancelled at once, which closes the connection. */
    private static final class Unread implements HttpResponse.BodySubscriber<byte[]> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // none come after the cancel
        }

        @Override
        public void onError(Throwable throwable) {
            // the body is not wanted: nothing to report
        }

        @Override
        public void onComplete() {
            // nothing to do
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return CompletableFuture.completedFuture(new byte[0]);
        }
    }

    private static final class LimitedBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int maxBytes;
        private Flow.Subscription subscription;

        LimitedBytes(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (body.isDone()) {
                    return;
                }
                if (item.remaining() > maxBytes - bytes.size()) {
                    subscription.cancel();
                    body.completeExceptionally(new AnswerTooLargeException(maxBytes));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
