package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ToolSettings;
import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

class ToolPinsTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final BackendTool V1 = new BackendTool("b", "t", Map.of("name", "t", "description", "one"));
    private static final BackendTool V2 = new BackendTool("b", "t", Map.of("name", "t", "description", "two"));

    @TempDir
    Path dir;

    private final List<String> changes = new ArrayList<>();

    private ToolPins pins(Path file, boolean hold) {
        return new ToolPins(new ToolSettings(ToolSettings.DEFAULT_REFRESH_INTERVAL, file, hold), MAPPER,
                Clock.systemUTC(), (backend, tool) -> changes.add(backend + "/" + tool));
    }

    @Test
    void aChangeIsReportedOncePerNewDefinitionAndAReturnToThePinClearsIt() {
        ToolPins pins = pins(null, false);

        assertThat(pins.observe(V1).changed()).isFalse();
        assertThat(pins.observe(V2).changed()).isTrue();
        assertThat(pins.observe(V2).held()).as("hold_changed is off").isFalse();
        assertThat(changes).containsExactly("b/t");
        assertThat(pins.observe(V1).changed()).isFalse();
        assertThat(pins.currentHashes()).containsOnlyKeys("b/t");
    }

    @Test
    void aListingStillServedWhileTheNextIsObservedIsJudgedByItsOwnDefinitions() {
        ToolPins pins = pins(null, true);
        pins.observe(V1); // pinned
        BackendTool served = new BackendTool("b", "t", Map.of("name", "t", "description", "two"));
        pins.observe(served); // held, and so left out of the listing served now

        pins.observe(V1); // the backend lists the pinned definition again: observed before its listing replaces this

        assertThat(pins.isHeld(served)).as("the definition held is not served for that moment").isTrue();
        assertThat(pins.isHeld(V1)).isFalse();

        pins.observe(V2); // and the other way: the listing served holds the pinned definition, the next a changed one
        assertThat(pins.isHeld(V1)).as("the pinned definition is not refused for that moment").isFalse();
        assertThat(pins.isHeld(V2)).isTrue();
    }

    @Test
    void aBackendListingEverNewNamesHasThePinsOfThoseItNoLongerListsForgottenBeyondTheBound() {
        List<String> forgotten = new ArrayList<>();
        ToolPins pins = new ToolPins(ToolSettings.defaults(), MAPPER, Clock.systemUTC(), (b, t) -> { }, (b, t) -> { },
                (b, t) -> forgotten.add(b + "/" + t));
        pins.observe(new BackendTool("other", "t0", Map.of("name", "t0")));
        for (int i = 0; i < ToolPins.MAX_REMEMBERED_PER_BACKEND; i++) {
            pins.observe(new BackendTool("b", "t" + i, Map.of("name", "t" + i)));
        }
        pins.forgetUnlisted("b", java.util.Set.of("t0"));
        assertThat(pins.currentHashes()).as("at the bound, all remembered")
                .hasSize(ToolPins.MAX_REMEMBERED_PER_BACKEND + 1);

        BackendTool newest = new BackendTool("b", "new", Map.of("name", "new"));
        pins.observe(newest);
        pins.forgetUnlisted("b", java.util.Set.of("t0", "new"));

        assertThat(pins.currentHashes()).containsOnlyKeys("b/t0", "b/new", "other/t0");
        assertThat(pins.firstSeen()).containsOnlyKeys("b/t0", "b/new", "other/t0");
        assertThat(forgotten).hasSize(ToolPins.MAX_REMEMBERED_PER_BACKEND - 1).contains("b/t1")
                .doesNotContain("b/t0", "other/t0");
    }

    @Test
    void thePinsFileWinsOverTheFirstListingAndMayBeTheSavedPinsAnswer() throws IOException {
        String v2 = ToolFingerprint.of(V2.definition(), MAPPER);
        Path file = Files.writeString(dir.resolve("pins.json"),
                "{\"success\": true, \"data\": {\"pins\": {\"b/t\": \"" + v2 + "\"}}}");
        ToolPins pins = pins(file, true);

        ToolPins.PinState first = pins.observe(V1);

        assertThat(first.changed()).isTrue();
        assertThat(first.held()).isTrue();
        assertThat(first.fromFile()).isTrue();
        assertThat(pins.observe(V2).held()).isFalse();
    }

    @Test
    void aPinsFileEditedToAnotherHashIsReportedAsAChangeOnceAtTheNextListing() throws IOException {
        String v1 = ToolFingerprint.of(V1.definition(), MAPPER);
        Path file = Files.writeString(dir.resolve("pins.json"), "{\"pins\": {\"b/t\": \"" + v1 + "\"}}");
        ToolPins pins = pins(file, true);
        assertThat(pins.observe(V1).changed()).isFalse();

        Files.writeString(file, "{\"pins\": {\"b/t\": \"sha256:00\"}}");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000)); // seen as edited

        assertThat(pins.observe(V1).held()).isTrue();
        assertThat(pins.observe(V1).held()).isTrue();
        assertThat(changes).as("logged and counted once, though the definition is the same").containsExactly("b/t");
    }

    @Test
    void aPinsFileThatIsNotAPinsObjectStopsStartUp() throws IOException {
        Path notJson = Files.writeString(dir.resolve("broken.json"), "pins: [");
        Path noPins = Files.writeString(dir.resolve("empty.json"), "{\"tools\": {}}");

        assertThatThrownBy(() -> pins(notJson, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tools.pins_file");
        assertThatThrownBy(() -> pins(noPins, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tools.pins_file");
    }
}
