package io.mcpgateway.gateway.backend;

import java.io.EOFException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.mcpgateway.gateway.config.BackendSettings;

/**
 * The HTTP connections to one backend: a bounded pool of keep-alive HTTP/1.1 connections (Jetty's client, which the
 * JDK's lacks: its pool has no bound, and its request timeout stops at the response headers while a slowly streamed
 * body could hold a call for ever). Here the request timeout covers the whole exchange, body included, and answers
 * larger than the configured bound are refused rather than buffered.
 */
public final class BackendConnections implements AutoCloseable {

    /** The header a stateful MCP server names its session with (Streamable HTTP). */
    public static final String SESSION_HEADER = "Mcp-Session-Id";

    private final BackendSettings settings;
    private final HttpClient client;

    public BackendConnections(BackendSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        client = new HttpClient();
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("backend-" + settings.name());
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setName("backend-" + settings.name());
        client.setMaxConnectionsPerDestination(settings.pool().maxConnections());
        client.setMaxRequestsQueuedPerDestination(settings.pool().maxQueued());
        client.setIdleTimeout(settings.pool().keepAlive().toMillis());
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "mcp-tools-gateway"));
        // The gateway's response listeners only gather bytes and complete a future, so Jetty may run them on the
        // selector thread instead of handing every read to a pool thread: 5.3 -> 3.0 context switches and 265 -> 238
        // µs of CPU per /mcp call (perf stat on bench/gateway.sh).
        client.getHttpClientTransport().setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client for backend '" + settings.name() + "'", e);
        }
        // A 401 is the backend refusing the gateway's credentials, which McpBackendClient handles; Jetty's own
        // authentication handling (installed by start) would turn one without a challenge into a protocol error.
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
    }

    /**
     * An HTTP answer, read whole.
     *
     * @param sessionId the {@code Mcp-Session-Id} header, null without one
     */
    public record Answer(int status, String contentType, byte[] body, String sessionId) {
    }

    /** An answer whose body is still arriving (an event stream); closing it ends the exchange. */
    public record OpenStream(int status, String contentType, InputStream body, Request request)
            implements AutoCloseable {
        @Override
        public void close() {
            request.abort(new java.util.concurrent.CancellationException("closed by the gateway"));
        }
    }

    /**
     * POSTs {@code body} and reads the whole answer within {@code timeout}.
     *
     * @throws BackendFailure TIMEOUT past the timeout, UNAVAILABLE when no answer came or it was too large
     */
    public Answer post(URI uri, byte[] body, Map<String, String> headers, Duration timeout) throws BackendFailure {
        Request request = client.newRequest(uri)
                .method(HttpMethod.POST)
                .headers(h -> headers.forEach(h::put))
                .body(new BytesRequestContent("application/json", body))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        WholeAnswerListener listener = new WholeAnswerListener(settings.pool().maxResponseBytes());
        request.send(listener);
        try {
            return listener.answer().get();
        } catch (ExecutionException e) {
            throw failure(e.getCause(), timeout);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw unavailable("the call was interrupted");
        }
    }

    /**
     * GETs {@code uri} and returns as soon as the status and headers are in, with the body to read as it arrives; the
     * exchange ends when the body does, when no byte came for {@code idleTimeout}, or when the stream is closed.
     */
    public OpenStream get(URI uri, Map<String, String> headers, Duration idleTimeout) throws BackendFailure {
        Request request = client.newRequest(uri)
                .method(HttpMethod.GET)
                .headers(h -> headers.forEach(h::put))
                .idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(settings.connectTimeout().plus(settings.requestTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
            return new OpenStream(response.getStatus(), Objects.requireNonNullElse(
                    response.getHeaders().get(HttpHeader.CONTENT_TYPE), ""), listener.getInputStream(), request);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), settings.requestTimeout());
        } catch (TimeoutException e) {
            request.abort(e);
            throw failure(e, settings.requestTimeout());
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw unavailable("the call was interrupted");
        }
    }

    /** Connections open now, in use or idle: bounded by {@code max_connections}. */
    public int openConnections() {
        return pools().mapToInt(AbstractConnectionPool::getConnectionCount).sum();
    }

    /** Connections carrying a call now. */
    public int activeConnections() {
        return pools().mapToInt(AbstractConnectionPool::getActiveConnectionCount).sum();
    }

    private java.util.stream.Stream<AbstractConnectionPool> pools() {
        return client.getDestinations().stream().map(Destination::getConnectionPool)
                .filter(AbstractConnectionPool.class::isInstance).map(AbstractConnectionPool.class::cast);
    }

    private BackendFailure failure(Throwable cause, Duration timeout) {
        String name = settings.name();
        if (cause instanceof TimeoutException) {
            return new BackendFailure(BackendFailure.Kind.TIMEOUT, name, "backend '" + name
                    + "' did not answer within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return unavailable("refused the connection");
        }
        if (cause instanceof RejectedExecutionException) {
            return unavailable("has " + settings.pool().maxQueued() + " calls waiting for a connection already");
        }
        if (cause instanceof WholeAnswerListener.TooLarge) {
            return unavailable("answered with more than " + settings.pool().maxResponseBytes() + " bytes");
        }
        if (cause instanceof EOFException) {
            return unavailable("closed the connection without an answer");
        }
        return unavailable("failed: " + cause.getClass().getSimpleName());
    }

    private BackendFailure unavailable(String what) {
        return new BackendFailure(BackendFailure.Kind.UNAVAILABLE, settings.name(), "backend '" + settings.name()
                + "' " + what);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with a client that cannot stop cleanly
        }
    }
}
