package io.mcpgateway.app.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLException;

import io.mcpgateway.failure.Causes;

/**
 * Fetches a URL once, with a deadline, and says in plain words what went wrong when it did: nothing listening, no
 * answer in time, an unknown host, a TLS problem. Never throws for a network failure; that is a finding.
 */
public final class HttpProbe {

    private final HttpClient http;
    private final Duration timeout;

    public HttpProbe(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A client for probes: HTTP/1.1, redirects not followed (a redirected health check is a finding). */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Duration timeout() {
        return timeout;
    }

    public ProbeResult get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build());
    }

    public ProbeResult send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return ProbeResult.answered(request.uri(), response.statusCode(), response.body(), millisSince(start));
        } catch (IOException | UnresolvedAddressException e) {
            return ProbeResult.failed(request.uri(), describe(e, request.uri()), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed(request.uri(), "interrupted", millisSince(start));
        }
    }

    /** A network failure in words, naming the host and port when that is what is wrong. */
    public String describe(Exception e, URI uri) {
        String where = uri.getHost() + ":" + port(uri);
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect to " + where + " within " + timeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + where + " within " + timeout.toMillis() + " ms";
        }
        // The client reports a name that does not resolve as a ConnectException caused (a level or two down) by
        // UnresolvedAddressException.
        if (Causes.find(e, UnresolvedAddressException.class).isPresent()) {
            return "unknown host " + uri.getHost();
        }
        if (e instanceof ConnectException) {
            return "connection refused by " + where + " (is anything listening there?)";
        }
        if (e instanceof SSLException) {
            return "TLS handshake with " + where + " failed: " + e.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message)
                + " (" + where + ")";
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static double millisSince(long start) {
        return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    }
}
