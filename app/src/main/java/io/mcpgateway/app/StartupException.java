package io.mcpgateway.app;

/** A reason a command cannot start, said to the operator as is (exit code 1, no stack trace). */
final class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message, null, false, false);
    }
}
