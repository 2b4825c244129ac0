package io.mcpgateway.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log levels in force, as SLF4J tells them (they are set at start-up, outside the configuration file). */
public final class LoggerLevels {

    private LoggerLevels() {
    }

    /** The root logger's level: the most detailed level it logs. */
    public static String root() {
        return levelOf(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME));
    }

    /** The more detailed of the root level and the gateway's own, which LOG_LEVELS may set apart. */
    public static String mostDetailed() {
        String own = levelOf(LoggerFactory.getLogger("io.mcpgateway"));
        return own.equals("TRACE") || own.equals("DEBUG") ? own : root();
    }

    private static String levelOf(Logger logger) {
        return logger.isTraceEnabled() ? "TRACE" : logger.isDebugEnabled() ? "DEBUG" : logger.isInfoEnabled() ? "INFO"
                : logger.isWarnEnabled() ? "WARN" : logger.isErrorEnabled() ? "ERROR" : "OFF";
    }
}
