package io.mcpgateway.failure;

import java.util.Optional;

/**
 * A failure's chain of causes, read for what it says: clients and drivers wrap the error that tells what happened (a
 * host name that does not resolve, a refused connection, a server's reply) in exceptions of their own.
 */
public final class Causes {

    private Causes() {
    }

    /** The first of {@code failure} and its causes that is a {@code type}, if any. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** The last of the chain: the failure itself when it has no cause. */
    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
