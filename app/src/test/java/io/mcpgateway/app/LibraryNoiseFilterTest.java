package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The application's own logback.xml, loaded into a fresh context, with what the MCP SDK and Jetty log of clients'
 * mistakes and of failures the commands report themselves.
 */
class LibraryNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    @BeforeEach
    void loadTheApplicationsConfiguration() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = LibraryNoiseFilter.class.getResource("/logback.xml");
        configurator.doConfigure(config);
        seen.setContext(context);
        seen.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    /** The logger {@code name} of the application's configuration, its events seen by this test. */
    private Logger watched(String name) {
        Logger logger = context.getLogger(name);
        logger.addAppender(seen);
        return logger;
    }

    @Test
    void jettysWarningOfEachMalformedHostHeaderIsDroppedSoClientsCannotFloodTheLog() {
        Logger hostPort = watched("org.eclipse.jetty.util.HostPort");
        Logger parser = watched("org.eclipse.jetty.http.HttpParser");
        Logger server = watched("org.eclipse.jetty.server.Server");

        hostPort.warn("Bad IPv6 host: [[bad]");
        parser.warn("Encountered multiple 'Host' headers");
        server.warn("other Jetty warnings are kept");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("other Jetty warnings are kept");
    }

    @Test
    void theSdksErrorForAnUnreadableBodyIsDroppedAndItsOtherErrorsAreKept() {
        Logger transport = watched(LibraryNoiseFilter.SDK_TRANSPORT_LOGGER);
        Logger other = watched("io.mcpgateway.somewhere");

        transport.error("Failed to deserialize message: {}", "Unexpected end-of-input");
        transport.error("Failed to handle request: {}", "boom");
        other.error("Failed to deserialize message: {}", "ours, kept");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Failed to handle request: boom", "Failed to deserialize message: ours, kept");
    }

    @Test
    void theSdksWarningNamingAClientsUnknownProtocolVersionIsDroppedSoClientsCannotForgeOrFloodTheLog() {
        Logger server = watched(LibraryNoiseFilter.SDK_STATELESS_SERVER_LOGGER);

        // found by fuzzing: the version is the client's text, verbatim (a line break in it forged a log line)
        server.warn("Client requested unsupported protocol version: {}, so the server will suggest the {} version"
                + " instead",
                "x\n21:00:00.000 ERROR [main] forged", "2025-11-25");
        server.warn("other SDK warnings are kept");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("other SDK warnings are kept");
    }

    @Test
    void javalinsErrorForAServerThatCannotStartIsDroppedAndItsOtherLinesAreKept() {
        Logger javalin = watched(LibraryNoiseFilter.JAVALIN_LOGGER);

        javalin.error("Failed to start Javalin");
        javalin.error("Exception occurred while servicing http-request");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Exception occurred while servicing http-request");
    }
}
