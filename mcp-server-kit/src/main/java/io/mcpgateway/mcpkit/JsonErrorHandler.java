package io.mcpgateway.mcpkit;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to requests Jetty refuses before the application sees them (a malformed request line or URI, a Host sent
 * twice, headers over Jetty's limit): a JSON body of the subclass's making instead of Jetty's HTML error page, on a
 * connection said to close (Jetty closes it).
 */
public abstract class JsonErrorHandler extends ErrorHandler {

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        if (status == HttpStatus.UPGRADE_REQUIRED_426) {
            // Jetty's answer to a request line of HTTP/2.0 (or HTTP/2's preface) on HTTP/1.1, though it offers no
            // upgrade (a 426 must name one in Upgrade, RFC 9110 §15.5.22): a version this server does not speak
            status = HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505;
        }
        byte[] body = body(request, status,
                request.getAttribute(ERROR_MESSAGE) instanceof String reason ? reason : null, response);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Jetty closes the connection after a request it refused: said, so a client does not send more on it
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        if (HttpMethod.HEAD.is(request.getMethod())) {
            // the header fields of the GET's answer without its content (RFC 9110 §9.3.2), which Jetty sent here;
            // a request Jetty could not parse has lost its method ("BAD") and gets the content, on a closing connection
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }

    /**
     * The JSON answer to a refusal with {@code status}.
     *
     * @param request the refused request: what Jetty read of it (its method and URI stand-ins when it could not read
     *     its request line), and the error attributes
     * @param reason Jetty's phrase for it, or null; a fixed phrase about the request's form
     * @param response where header fields of the subclass's own may be added
     */
    protected abstract byte[] body(Request request, int status, String reason, Response response);
}
