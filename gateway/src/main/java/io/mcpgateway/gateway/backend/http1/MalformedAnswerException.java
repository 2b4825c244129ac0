package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;

/** The backend's answer is not HTTP/1.1 as RFC 9112 frames it; the connection is not used again. */
public final class MalformedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String what) {
        super(what);
    }
}
