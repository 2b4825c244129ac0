package io.mcpgateway.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The lines some loggers (and those below them) write while this is open, for a test to look at. */
public final class CapturedLogs implements AutoCloseable {

    private final List<Logger> loggers;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    /** The levels the loggers had before {@link #atLevel}, null meaning their parent's. */
    private final Map<Logger, Level> levelsBefore = new LinkedHashMap<>();

    private CapturedLogs(List<String> names) {
        loggers = names.stream().map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
        appender.start();
        loggers.forEach(logger -> logger.addAppender(appender));
    }

    /** Captures what the loggers named {@code name} and {@code more}, and every logger below them, write. */
    public static CapturedLogs of(String name, String... more) {
        return new CapturedLogs(Stream.concat(Stream.of(name), Stream.of(more)).toList());
    }

    /** Captures what the loggers of {@code type} and {@code more} write, in one list in the order they write it. */
    public static CapturedLogs of(Class<?> type, Class<?>... more) {
        return new CapturedLogs(Stream.concat(Stream.of(type), Stream.of(more)).map(Class::getName).toList());
    }

    /**
     * Sets the loggers' level while this is open (the tests' logging configuration shows warnings only), giving them
     * back the level they had when this closes.
     */
    public CapturedLogs atLevel(Level level) {
        for (Logger logger : loggers) {
            if (!levelsBefore.containsKey(logger)) {
                levelsBefore.put(logger, logger.getLevel());
            }
            logger.setLevel(level);
        }
        return this;
    }

    /** The events so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // the appender adds under this lock, perhaps on another thread
            return List.copyOf(appender.list);
        }
    }

    /** The formatted messages so far of the events at {@code level}. */
    public List<String> messages(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Forgets the events so far. */
    public void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(appender));
        levelsBefore.forEach(Logger::setLevel);
    }
}
