package io.mcpgateway.gateway.backend;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.mcpgateway.gateway.backend.http1.DeadlineException;
import io.mcpgateway.gateway.backend.http1.FinalEvent;
import io.mcpgateway.gateway.backend.http1.Http1Client;
import io.mcpgateway.gateway.backend.http1.MalformedAnswerException;
import io.mcpgateway.gateway.backend.http1.QueueFullException;
import io.mcpgateway.gateway.backend.http1.TooLargeException;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.text.Echoed;

/**
 * The HTTP connections to one backend. Calls (POSTs) go over a bounded pool of keep-alive HTTP/1.1 connections read
 * on the calling thread ({@link Http1Client}: the hot path); the long-lived event stream of a stateful server (a GET)
 * over Jetty's client, which suits a stream read as it arrives. The JDK's client fits neither: its pool has no bound,
 * and its request timeout stops at the response headers while a slowly streamed body could hold a call for ever.
 * Here the request timeout covers the whole exchange, body included, and answers larger than the configured bound are
 * refused rather than buffered.
 */
public final class BackendConnections implements AutoCloseable {

    /** The header a stateful MCP server names its session with (Streamable HTTP). */
    public static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String USER_AGENT = "mcp-tools-gateway";

    private final BackendSettings settings;
    private final Http1Client calls;
    private final HttpClient client;

    public BackendConnections(BackendSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        calls = new Http1Client(settings.pool(), settings.connectTimeout(), USER_AGENT);
        client = new HttpClient(); // for the event stream only: one long-lived GET at a time
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("backend-events-" + settings.name());
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setName("backend-events-" + settings.name());
        client.setMaxConnectionsPerDestination(2);
        client.setIdleTimeout(settings.pool().keepAlive().toMillis());
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
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
     * @param contentType its {@code Content-Type} in lower case (media types are case-insensitive), "" without one
     * @param sessionId the {@code Mcp-Session-Id} header, null without one
     * @param outOfStep closes the connection it came on, for an answer that was another call's (see
     *     {@link Http1Client.Response})
     * @param retryAfter the wait its {@code Retry-After} header asks for (a 429's or a 503's), null without a
     *     readable one
     * @param location its {@code Location} header (a redirect's target, which is not followed), null without one
     */
    public record Answer(int status, String contentType, byte[] body, String sessionId, Runnable outOfStep,
            Duration retryAfter, String location) {
        public Answer {
            contentType = contentType.toLowerCase(Locale.ROOT);
        }
    }

    /** An answer whose body is still arriving (an event stream); closing it ends the exchange. */
    public record OpenStream(int status, String contentType, InputStream body, Request request)
            implements AutoCloseable {
        public OpenStream {
            contentType = contentType.toLowerCase(Locale.ROOT);
        }

        @Override
        public void close() {
            request.abort(new java.util.concurrent.CancellationException("closed by the gateway"));
        }
    }

    /**
     * POSTs {@code body} and reads the whole answer within {@code timeout}.
     *
     * @throws BackendFailure TIMEOUT past the timeout, UNAVAILABLE when no answer came, TOO_LARGE or PROTOCOL when
     *     it was too large or malformed
     */
    public Answer post(URI uri, byte[] body, Map<String, String> headers, Duration timeout) throws BackendFailure {
        return post(uri, body, headers, timeout, null);
    }

    /**
     * As {@link #post(URI, byte[], Map, Duration)}, except that an event-stream answer is read only up to the event
     * {@code finalEvent} says is the last one needed: a server may keep the stream open after its response.
     */
    public Answer post(URI uri, byte[] body, Map<String, String> headers, Duration timeout, FinalEvent finalEvent)
            throws BackendFailure {
        try {
            Http1Client.Response response = finalEvent == null
                    ? calls.post(uri, headers, "application/json", body, timeout)
                    : calls.post(uri, headers, "application/json", body, timeout, finalEvent);
            return new Answer(response.status(), Objects.requireNonNullElse(response.field("content-type"), ""),
                    response.body(), response.field("mcp-session-id"), response.outOfStep(),
                    RetryAfterHeader.read(response.field("retry-after")), response.field("location"));
        } catch (SocketTimeoutException e) { // an InterruptedIOException, but no interrupt: the connect timeout
            throw unavailable("did not accept a connection within " + settings.connectTimeout().toMillis() + " ms");
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the call was interrupted");
        } catch (UnknownHostException e) {
            throw unavailable("has a host name that does not resolve");
        } catch (IOException e) {
            throw failure(e, timeout);
        } catch (IllegalArgumentException e) { // a header the gateway was given that HTTP cannot carry
            throw failure(BackendFailure.Kind.NOT_SENT, "cannot be called: " + e.getMessage());
        }
    }

    /**
     * GETs {@code uri} and returns as soon as the status and headers are in, with the body to read as it arrives; the
     * exchange ends when the body does, when no byte came for {@code idleTimeout}, or when the stream is closed.
     */
    public OpenStream get(URI uri, Map<String, String> headers, Duration idleTimeout) throws BackendFailure {
        return open(client.newRequest(uri).method(HttpMethod.GET), headers, idleTimeout);
    }

    /**
     * POSTs {@code body} (JSON) to {@code uri} for an answer read as it arrives, as {@link #get} does: a
     * {@code subscriptions/listen} of MCP 2026-07-28, whose answer is a lasting event stream.
     */
    public OpenStream post(URI uri, Map<String, String> headers, byte[] body, Duration idleTimeout)
            throws BackendFailure {
        return open(client.newRequest(uri).method(HttpMethod.POST)
                .body(new BytesRequestContent("application/json", body)), headers, idleTimeout);
    }

    private OpenStream open(Request started, Map<String, String> headers, Duration idleTimeout) throws BackendFailure {
        Request request = started
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

    /**
     * Ends the backend's session {@code sessionId} (Streamable HTTP: a DELETE with it), waiting at most
     * {@code timeout}; a server that keeps none, or already forgot it, may answer anything: nothing is said of it.
     */
    public void endSession(URI uri, Map<String, String> headers, Duration timeout) {
        try {
            client.newRequest(uri).method(HttpMethod.DELETE).headers(h -> headers.forEach(h::put))
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a session the server no longer keeps, or a server gone: it will forget the session by itself
        }
    }

    /**
     * Connections for calls open now, in use or idle: bounded by {@code max_connections}. (A stateful server's event
     * stream has a connection of its own beside these.)
     */
    public int openConnections() {
        return calls.openConnections();
    }

    /** Connections carrying a call now. */
    public int activeConnections() {
        return calls.activeConnections();
    }

    private BackendFailure failure(Throwable cause, Duration timeout) {
        String name = settings.name();
        if (cause instanceof TimeoutException || cause instanceof DeadlineException) {
            return new BackendFailure(BackendFailure.Kind.TIMEOUT, name, "backend '" + name
                    + "' did not answer within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return unavailable("refused the connection");
        }
        if (cause instanceof RejectedExecutionException || cause instanceof QueueFullException) {
            return failure(BackendFailure.Kind.BUSY, "has " + settings.pool().maxQueued()
                    + " calls waiting for a connection already");
        }
        // an answer too large or malformed comes back the same when asked again: not retried (RetryPolicy), and
        // not read again up to the size limit each time
        if (cause instanceof TooLargeException) {
            return failure(BackendFailure.Kind.TOO_LARGE, "answered with more than "
                    + settings.pool().maxResponseBytes() + " bytes (max_response_bytes)");
        }
        if (cause instanceof EOFException) {
            return unavailable("closed the connection without an answer");
        }
        if (cause instanceof MalformedAnswerException malformed) {
            return malformed.echoed() == null ? protocolError("answered with " + cause.getMessage())
                    : BackendFailure.withLogDetail(BackendFailure.Kind.PROTOCOL, name, "backend '" + name
                            + "' answered with " + cause.getMessage(), "('" + Echoed.oneLine(malformed.echoed(),
                            BackendFailure.MAX_ECHOED) + "')");
        }
        if (cause instanceof SocketException && cause.getMessage() != null) {
            if (cause.getMessage().contains("reset")) {
                return unavailable("reset the connection");
            }
            if (cause.getMessage().contains("Broken pipe")) {
                return unavailable("closed the connection while the call was being sent");
            }
        }
        // what the JDK says of TLS (an untrusted certificate, a server speaking plain HTTP, a record that does not
        // decrypt) is for the operator, not for callers
        String what = cause instanceof SSLHandshakeException ? "failed the TLS handshake"
                : cause instanceof SSLException ? "failed on its TLS connection"
                : "failed: " + cause.getClass().getSimpleName();
        return cause.getMessage() == null ? unavailable(what) : BackendFailure.withLogDetail(
                BackendFailure.Kind.UNAVAILABLE, name, "backend '" + name + "' " + what,
                "(" + Echoed.oneLine(cause.getMessage(), BackendFailure.MAX_ECHOED) + ")");
    }

    private BackendFailure unavailable(String what) {
        return failure(BackendFailure.Kind.UNAVAILABLE, what);
    }

    private BackendFailure protocolError(String what) {
        return failure(BackendFailure.Kind.PROTOCOL, what);
    }

    private BackendFailure failure(BackendFailure.Kind kind, String what) {
        return new BackendFailure(kind, settings.name(), "backend '" + settings.name() + "' " + what);
    }

    @Override
    public void close() {
        calls.close();
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with a client that cannot stop cleanly
        }
    }
}
