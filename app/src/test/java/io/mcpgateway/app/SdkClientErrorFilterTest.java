package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The application's own logback.xml, loaded into a fresh context, with what the MCP SDK and Jetty log of clients'
 * mistakes.
 */
class SdkClientErrorFilterTest {

    private static LoggerContext applicationContext() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = SdkClientErrorFilter.class.getResource("/logback.xml");
        configurator.doConfigure(config);
        return context;
    }

    @Test
    void jettysWarningOfEachMalformedHostHeaderIsDroppedSoClientsCannotFloodTheLog() throws Exception {
        LoggerContext context = applicationContext();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        Logger hostPort = context.getLogger("org.eclipse.jetty.util.HostPort");
        hostPort.addAppender(seen);
        Logger server = context.getLogger("org.eclipse.jetty.server.Server");
        server.addAppender(seen);

        hostPort.warn("Bad IPv6 host: [[bad]");
        server.warn("other Jetty warnings are kept");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("other Jetty warnings are kept");
        context.stop();
    }

    @Test
    void theSdksErrorForAnUnreadableBodyIsDroppedAndItsOtherErrorsAreKept() throws Exception {
        LoggerContext context = applicationContext();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        Logger transport = context.getLogger(SdkClientErrorFilter.TRANSPORT_LOGGER);
        transport.addAppender(seen);
        Logger other = context.getLogger("io.mcpgateway.somewhere");
        other.addAppender(seen);

        transport.error("Failed to deserialize message: {}", "Unexpected end-of-input");
        transport.error("Failed to handle request: {}", "boom");
        other.error("Failed to deserialize message: {}", "ours, kept");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Failed to handle request: boom", "Failed to deserialize message: ours, kept");
        context.stop();
    }
}
