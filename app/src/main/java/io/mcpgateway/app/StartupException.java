package io.mcpgateway.app;

/** A reason a command cannot start, said to the operator as is (exit code 1, no stack trace). */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message, null, false, false);
    }
}
