package io.mcpgateway.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * A failure that ends a command with exit code 1, said once on standard error ("error: ..."); with JSON logs also as
 * an ERROR line of the log, so that a pipeline that reads only the log's JSON lines (as the README advises) still
 * learns why a process in a crash loop stops.
 */
final class FatalError {

    private static final Logger log = LoggerFactory.getLogger(FatalError.class);

    private FatalError() {
    }

    /** Says {@code message} and returns the exit code. */
    static int report(CommandLine command, String message) {
        command.getErr().println(command.getColorScheme().errorText("error: " + message));
        command.getErr().flush();
        logIfJson(command, message);
        return 1;
    }

    /**
     * Logs {@code message} as an ERROR line when the log is JSON: for a wrong command line too (exit code 2), which
     * a typo in a Kubernetes {@code args:} list makes a crash loop.
     */
    static void logIfJson(CommandLine command, String message) {
        if (LogFormat.isJson()) {
            log.error("{} stopped: {}", command.getCommandSpec().qualifiedName(), message);
        }
    }
}
