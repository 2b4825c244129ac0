package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;

/** The answer is larger than the configured bound ({@code max_response_bytes}); it was not read. */
public final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(int maxBytes) {
        super("the answer is larger than " + maxBytes + " bytes");
    }
}
