package io.mcpgateway.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Sets log levels per package at start-up from {@code LOG_LEVELS}, for example
 * {@code LOG_LEVELS=io.mcpgateway.gateway.auth=DEBUG,org.eclipse.jetty=INFO} (the root level is {@code LOG_LEVEL}).
 */
public final class LogLevels {

    static final String VARIABLE = "LOG_LEVELS";
    static final String ROOT_VARIABLE = "LOG_LEVEL";

    private LogLevels() {
    }

    /** From the most detailed on. */
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /**
     * The most detailed level that {@code LOG_LEVEL} (INFO when unset) or a {@code LOG_LEVELS} entry for the gateway's
     * loggers (io.mcpgateway, or io, or the root) asks for, for the warnings of a configuration check run outside the
     * gateway: the one the gateway itself warns of (LoggerLevels); entries that are not logger=LEVEL do not count.
     */
    public static String mostDetailed(Map<String, String> env) {
        String most = env.getOrDefault(ROOT_VARIABLE, "INFO").strip().toUpperCase(Locale.ROOT);
        for (String entry : env.getOrDefault(VARIABLE, "").split(",")) {
            String[] parts = entry.strip().split("=", 2);
            boolean gateways = parts[0].strip().matches("io\\.mcpgateway|io|(?i)root");
            String level = parts.length == 2 && gateways ? parts[1].strip().toUpperCase(Locale.ROOT) : "";
            if (LEVELS.contains(level) && (!LEVELS.contains(most) || LEVELS.indexOf(level) < LEVELS.indexOf(most))) {
                most = level;
            }
        }
        return most;
    }

    /** Whether {@code LOG_LEVEL} asks for debug output (DEBUG or TRACE). */
    static boolean debugRequested(Map<String, String> env) {
        String root = env.get(ROOT_VARIABLE);
        return root != null && root.strip().matches("(?i)DEBUG|TRACE");
    }

    static void apply(Map<String, String> env) {
        String root = env.get(ROOT_VARIABLE);
        if (root != null && !root.isBlank() && !isLevel(root.strip())) {
            // logback would take an unknown level for DEBUG, silently
            throw new StartupException(ROOT_VARIABLE + ": '" + root.strip() + "' is not a level (TRACE, DEBUG, INFO,"
                    + " WARN, ERROR, OFF)");
        }
        String spec = env.get(VARIABLE);
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || !isLevel(parts[1].strip())) {
                throw new StartupException(VARIABLE + ": '" + entry.strip() + "' is not logger=LEVEL (levels: TRACE,"
                        + " DEBUG, INFO, WARN, ERROR, OFF)");
            }
            ((Logger) LoggerFactory.getLogger(parts[0].strip())).setLevel(Level.valueOf(parts[1].strip()));
        }
    }

    private static boolean isLevel(String name) {
        return name.matches("(?i)TRACE|DEBUG|INFO|WARN|ERROR|OFF");
    }
}
