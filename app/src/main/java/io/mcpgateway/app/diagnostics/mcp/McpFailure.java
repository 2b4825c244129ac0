package io.mcpgateway.app.diagnostics.mcp;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpgateway.failure.Causes;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpTransportException;

/**
 * Says in words why an MCP step failed, from the SDK's exception chain: nothing listening, no answer in time, the
 * server wanting a token, an HTTP status, or the server's JSON-RPC error.
 */
final class McpFailure {

    private static final int BODY_SHOWN = 200;
    /** The SDK's words for an HTTP status it did not expect, and the body it quotes. */
    private static final Pattern UNEXPECTED_STATUS = Pattern.compile(
            "unexpected status code:? (\\d{3}),? (?:response body: )?(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ERROR_DESCRIPTION = Pattern.compile("error_description=\"([^\"]*)\"");

    private McpFailure() {
    }

    /** @param tokenSent whether the request carried a bearer token (then a 401 refused it) */
    static String describe(Throwable failure, URI endpoint, Duration timeout, boolean tokenSent) {
        String where = endpoint.getHost() + ":" + (endpoint.getPort() == -1
                ? ("https".equals(endpoint.getScheme()) ? 443 : 80) : endpoint.getPort());
        if (Causes.find(failure, UnresolvedAddressException.class).isPresent()) {
            return "unknown host " + endpoint.getHost();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                return "JSON-RPC error " + error.getJsonRpcError().code() + ": " + error.getJsonRpcError().message();
            }
            if (t instanceof McpHttpClientTransportAuthorizationException auth) {
                int status = auth.getResponseInfo() == null ? 401 : auth.getResponseInfo().statusCode();
                String why = auth.getResponseInfo() == null ? "" : auth.getResponseInfo().headers()
                        .firstValue("WWW-Authenticate").map(McpFailure::reason).orElse("");
                return "HTTP " + status + ": " + (tokenSent ? "the server refused the token" + why
                        : "the server wants a bearer token (pass --token)" + why);
            }
            if (t instanceof McpTransportException) {
                Matcher status = UNEXPECTED_STATUS.matcher(String.valueOf(t.getMessage()));
                return status.find() ? "HTTP " + status.group(1) + ": not an MCP answer: " + shorten(status.group(2))
                        : shorten(t.getMessage());
            }
            if (t instanceof ConnectException) {
                return "connection refused by " + where + " (is anything listening there?)";
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return "no answer from " + where + " within " + timeout.toMillis() + " ms";
            }
        }
        Throwable root = Causes.root(failure);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + shorten(root.getMessage()));
    }

    /** The challenge's {@code error_description}, as ": <description>", or nothing. */
    private static String reason(String challenge) {
        Matcher description = ERROR_DESCRIPTION.matcher(challenge);
        return description.find() ? ": " + shorten(description.group(1)) : "";
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= BODY_SHOWN ? oneLine : oneLine.substring(0, BODY_SHOWN) + "...";
    }
}
