package io.mcpgateway.app.diagnostics;

import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;

/**
 * Keeps library and gateway log lines out of a diagnostic command's output (they would land in the middle of its
 * report, or break its JSON): the command reports problems itself. Setting {@code LOG_LEVEL} or {@code LOG_LEVELS}
 * keeps the logs, for digging deeper.
 */
public final class QuietLogs {

    private QuietLogs() {
    }

    public static void apply(Map<String, String> env) {
        if (isSet(env, "LOG_LEVEL") || isSet(env, "LOG_LEVELS")) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            // Without appenders no level can bring a line to the output, whatever logback.xml sets per package.
            root.detachAndStopAllAppenders();
        }
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
