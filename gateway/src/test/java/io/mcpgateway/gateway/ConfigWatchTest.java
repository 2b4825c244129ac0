package io.mcpgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.gateway.config.ReloadOutcome;

class ConfigWatchTest {

    private final ConfigWatch watch = new ConfigWatch();
    private final ConfigSource.Reading edited = new ConfigSource.Reading(null, List.of());
    private final ConfigSource.Reading broken = new ConfigSource.Reading(null, List.of("environment: not one"));

    private final ConfigSource.Reading halfWritten = new ConfigSource.Reading(null, List.of("server: {port: 1}"));

    @Test
    void aReadingAppliedOrFoundInvalidIsNotReloadedAgainUntilItChanges() {
        assertThat(watch.shouldReload(edited)).as("first seen: it may be half-written").isFalse();
        assertThat(watch.shouldReload(edited)).isTrue();
        watch.reloaded(edited, new ReloadOutcome.Unchanged());
        assertThat(watch.shouldReload(edited)).isFalse();

        assertThat(watch.shouldReload(broken)).isFalse();
        assertThat(watch.shouldReload(broken)).isTrue();
        watch.reloaded(broken, new ReloadOutcome.Invalid(broken.problems()));
        assertThat(watch.shouldReload(broken)).as("its problems are logged once").isFalse();
    }

    @Test
    void aFileCaughtWhileItIsWrittenIsAppliedOnlyOnceItStaysTheSame() {
        // an editor or a script writing in place: emptied, part written, then whole, each seen by one look
        assertThat(watch.shouldReload(halfWritten)).isFalse();
        assertThat(watch.shouldReload(edited)).as("changed again since the last look").isFalse();
        assertThat(watch.shouldReload(edited)).as("the same at two looks in a row").isTrue();
    }

    @Test
    void aValidReadingTheReloadFoundInvalidMetAWriteUnderWayAndIsTriedAgain() {
        watch.shouldReload(edited);
        assertThat(watch.shouldReload(edited)).isTrue();
        watch.reloaded(edited, new ReloadOutcome.Invalid(List.of("the file ended early")));

        assertThat(watch.shouldReload(edited)).as("what the look read was never judged").isTrue();
    }

    @Test
    void aChangeThatCouldNotStartIsTriedAgainLessAndLessOften() {
        List<Integer> triedAtLooks = new ArrayList<>();
        for (int look = 1; look <= 40; look++) {
            if (watch.shouldReload(edited)) {
                triedAtLooks.add(look);
                watch.reloaded(edited, new ReloadOutcome.Failed("port taken"));
            }
        }

        assertThat(triedAtLooks).as("from the look that found it settled").containsExactly(2, 4, 8, 16, 32);
    }
}
