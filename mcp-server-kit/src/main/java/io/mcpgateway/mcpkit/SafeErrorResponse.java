package io.mcpgateway.mcpkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wraps the MCP transport's response so that every error answer is a plain JSON-RPC error object with a safe message.
 *
 * <p>The SDK's servlet serialises its {@code McpError} exception as the body of 4xx answers (stack trace included),
 * sends some errors as container error pages ({@code sendError}), and puts exception messages into 500 bodies. So any
 * status of 400 or more is captured here and the SDK's body is held back; {@link #finish(byte[])} then writes
 * {@code {"jsonrpc":"2.0","id":...,"error":{"code","message"}}} (the request's id when it could be read, for a
 * client's error; else null), keeping only the SDK's JSON-RPC code and message for client errors (fixed strings in
 * the SDK) and a fixed message for everything else.
 */
final class SafeErrorResponse extends HttpServletResponseWrapper {

    /** More than any SDK error body needs; a larger one is cut, and then only our fixed message is used. */
    private static final int MAX_CAPTURED_BYTES = 64 * 1024;

    private final JsonMapper mapper;
    private final int maxRequestBytes;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private int capturedStatus;
    private boolean fromSendError;

    SafeErrorResponse(HttpServletResponse response, JsonMapper mapper, int maxRequestBytes) {
        super(response);
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void setStatus(int sc) {
        super.setStatus(sc);
        if (sc >= 400) {
            capturedStatus = sc;
        }
    }

    /** True once an error status (400 or more) was set. */
    boolean isError() {
        return capturedStatus != 0;
    }

    /** The error status set, or 0. */
    int errorStatus() {
        return capturedStatus;
    }

    @Override
    public void sendError(int sc, String msg) {
        sendError(sc);
    }

    @Override
    public void sendError(int sc) {
        super.setStatus(sc);
        capturedStatus = sc;
        fromSendError = true;
    }

    @Override
    public void setContentLength(int len) {
        if (capturedStatus == 0) {
            super.setContentLength(len); // a captured body is replaced, so its length does not apply
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (capturedStatus == 0) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (capturedStatus != 0) {
            return new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
        }
        return super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (capturedStatus != 0) {
            return new CapturingOutputStream();
        }
        return super.getOutputStream();
    }

    /**
     * Writes the safe error body when an error was captured.
     *
     * @param requestBody the request's body as far as it was read, or null when unknown
     */
    void finish(byte[] requestBody) throws IOException {
        if (capturedStatus == 0) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(capturedStatus);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (capturedStatus == 405) {
            response.setHeader("Allow", "POST"); // RFC 9110 §15.5.6
        }
        Map<String, Object> error = error(capturedStatus >= 500 ? ErrorCodes.INTERNAL_ERROR
                : ErrorCodes.INVALID_REQUEST, messageFor(capturedStatus));
        if (capturedStatus < 500 && !fromSendError) {
            keepSdkClientError(error);
            if (error.get("code").equals(ErrorCodes.INVALID_REQUEST) && requestBody != null && !isJson(requestBody)) {
                // The SDK says "Invalid message format" whether or not the body parsed; JSON-RPC 2.0 has its own
                // code for a body that is not JSON at all.
                error.put("code", ErrorCodes.PARSE_ERROR);
                error.put("message", "Parse error");
            }
        }
        // a client's error names its request when the body has an id an answer can carry (JSON-RPC 2.0 §5)
        writeBody(response, mapper, capturedStatus < 500 && requestBody != null
                ? MessageIds.readable(mapper, requestBody) : null, error);
    }

    /** A JSON-RPC error object: its code and message (a mutable map: a caller may add to it). */
    static Map<String, Object> error(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    /** The bytes of a JSON-RPC error answer to the request {@code id} (null when its id could not be read). */
    static byte[] answer(JsonMapper mapper, Object id, Map<String, Object> error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        return mapper.writeValueAsBytes(body);
    }

    /** Writes a JSON-RPC error answer without an id (the request's could not be read) with its length. */
    static void writeBody(HttpServletResponse response, JsonMapper mapper, Map<String, Object> error)
            throws IOException {
        writeBody(response, mapper, null, error);
    }

    /** Writes a JSON-RPC error answer to the request of {@code id} (null: none could be read) with its length. */
    static void writeBody(HttpServletResponse response, JsonMapper mapper, Object id, Map<String, Object> error)
            throws IOException {
        byte[] bytes = answer(mapper, id, error);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Takes the JSON-RPC code and message of the SDK's serialised McpError, and nothing else of it. */
    private void keepSdkClientError(Map<String, Object> error) {
        try {
            JsonNode rpcError = mapper.readTree(captured.toByteArray()).path("jsonRpcError");
            if (rpcError.path("code").isIntegralNumber() && rpcError.path("message").isString()) {
                int code = rpcError.path("code").intValue();
                // The transport's own refusals (an Accept without text/event-stream, say) come as "method not found",
                // the code of an error made from a bare message; an unknown method is answered 200, not here.
                error.put("code", code == ErrorCodes.METHOD_NOT_FOUND ? ErrorCodes.INVALID_REQUEST : code);
                error.put("message", rpcError.path("message").stringValue());
            }
        } catch (JacksonException e) {
            // not the SDK's error shape: the fixed message stays
        }
    }

    private boolean isJson(byte[] body) {
        try {
            return !mapper.readTree(body).isMissingNode(); // an empty body reads as "missing"
        } catch (JacksonException e) {
            return false;
        }
    }

    private String messageFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Origin not allowed";
            case 404 -> "Not found: the MCP endpoint is /mcp";
            case 405 -> "Method not allowed: this stateless MCP endpoint accepts POST only";
            case 413 -> "Request body too large: the limit is " + maxRequestBytes + " bytes";
            case 415 -> "Unsupported Media Type: send the body without a Content-Encoding or Transfer-Encoding"
                    + " (chunked excepted)";
            case 421 -> "Host not allowed";
            case 503 -> "Server is shutting down";
            default -> status >= 500 ? "Internal error" : "Request rejected";
        };
    }

    private final class CapturingOutputStream extends ServletOutputStream {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // writes complete at once; nothing to notify
        }

        @Override
        public void write(int b) {
            if (captured.size() < MAX_CAPTURED_BYTES) {
                captured.write(b);
            }
        }
    }
}
