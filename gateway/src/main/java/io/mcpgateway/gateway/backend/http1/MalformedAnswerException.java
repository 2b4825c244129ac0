package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;

/** The backend's answer is not HTTP/1.1 as RFC 9112 frames it; the connection is not used again. */
public final class MalformedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The backend's own text the refusal is about (a header's value), for the log; null when there is none. */
    private final String echoed;

    MalformedAnswerException(String what) {
        this(what, null);
    }

    /** @param echoed what the backend sent, kept out of the message, which public pages may show */
    MalformedAnswerException(String what, String echoed) {
        super(what);
        this.echoed = echoed;
    }

    public String echoed() {
        return echoed;
    }
}
