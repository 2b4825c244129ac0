package io.mcpgateway.app;

import java.util.Locale;
import java.util.Map;

/**
 * Checks {@code LOG_FORMAT} before logging starts: logback.xml picks its output by the exact name {@code TEXT} or
 * {@code JSON}, so any other spelling ({@code json}, {@code Json}, a typo) turned every log line off without a word.
 * Either case is accepted; anything else stops start-up naming the variable, as other bad settings do.
 */
final class LogFormat {

    static final String VARIABLE = "LOG_FORMAT";

    private LogFormat() {
    }

    /** The appender name logback.xml should use, or null to keep its default (text). */
    static String appenderFor(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (!name.equals("TEXT") && !name.equals("JSON")) {
            throw new StartupException(VARIABLE + ": '" + value + "' is not TEXT (readable lines) or JSON (one JSON"
                    + " object per line)");
        }
        return name;
    }

    /**
     * Whether log lines are JSON: then a command prints no banner of its own on stdout, where it would be the one
     * line a log collector cannot read (the log's own start-up line names the same URL).
     */
    static boolean isJson() {
        return "JSON".equals(System.getProperty(VARIABLE));
    }

    /** Sets the system property logback.xml reads (it takes system properties before the environment). */
    static void apply(Map<String, String> env) {
        String appender = appenderFor(env);
        if (appender != null) {
            System.setProperty(VARIABLE, appender);
        }
    }
}
