package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;

/** Every connection is busy and as many calls as allowed wait for one already. */
public final class QueueFullException extends IOException {
    private static final long serialVersionUID = 1L;

    QueueFullException(int maxQueued) {
        super(maxQueued + " calls wait for a connection already");
    }
}
