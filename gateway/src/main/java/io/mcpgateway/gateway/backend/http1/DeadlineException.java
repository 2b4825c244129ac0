package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;

/** The exchange's deadline passed before the answer was in. */
public final class DeadlineException extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineException() {
        super("no answer before the deadline");
    }
}
