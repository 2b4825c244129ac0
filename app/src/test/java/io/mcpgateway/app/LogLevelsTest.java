package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

class LogLevelsTest {

    @Test
    void levelsAreSetPerPackage() {
        LogLevels.apply(Map.of("LOG_LEVELS", "io.mcpgateway.test.a=DEBUG, io.mcpgateway.test.b=error"));

        assertThat(((Logger) LoggerFactory.getLogger("io.mcpgateway.test.a")).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(((Logger) LoggerFactory.getLogger("io.mcpgateway.test.b")).getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void malformedEntryNamesItself() {
        assertThatThrownBy(() -> LogLevels.apply(Map.of("LOG_LEVELS", "io.mcpgateway=LOUD")))
                .isInstanceOf(StartupException.class)
                .hasMessage("LOG_LEVELS: 'io.mcpgateway=LOUD' is not logger=LEVEL (levels: TRACE, DEBUG, INFO, WARN,"
                        + " ERROR, OFF)");
        assertThatThrownBy(() -> LogLevels.apply(Map.of("LOG_LEVELS", "DEBUG"))).isInstanceOf(StartupException.class);
    }

    @Test
    void anUnknownRootLevelIsRefusedNotTakenForDebug() {
        assertThatThrownBy(() -> LogLevels.apply(Map.of("LOG_LEVEL", "LOUD"))).isInstanceOf(StartupException.class)
                .hasMessage("LOG_LEVEL: 'LOUD' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF)");
        assertThatCode(() -> LogLevels.apply(Map.of("LOG_LEVEL", "warn"))).as("a level in any case")
                .doesNotThrowAnyException();
    }

    @Test
    void absentVariableChangesNothing() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.mcpgateway.test.c");
        Level rootBefore = root.getLevel();
        ours.setLevel(Level.WARN);
        try {
            LogLevels.apply(Map.of());

            assertThat(root.getLevel()).isEqualTo(rootBefore);
            assertThat(ours.getLevel()).isEqualTo(Level.WARN);
            assertThat(((Logger) LoggerFactory.getLogger("io.mcpgateway")).getLevel()).isNull();
        } finally {
            ours.setLevel(null);
        }
    }
}
