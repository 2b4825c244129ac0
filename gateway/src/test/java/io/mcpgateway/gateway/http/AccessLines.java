package io.mcpgateway.gateway.http;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The access log's lines while it is open, with their fields (the MDC, which the access log clears after each). */
final class AccessLines implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("access");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    AccessLines() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO); // the tests' logging shows warnings only
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }
}
