package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_UPDATE;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.json.Json;

/**
 * Schema pinning and tool-list refresh: a backend that changes a tool's definition is noticed (on its
 * {@code notifications/tools/list_changed} or the periodic refresh), logged, counted and shown, and with
 * {@code hold_changed} the tool is not served until its new hash is accepted in the pins file.
 */
@Timeout(90)
class ToolPinningIntegrationTest {

    private static final String RESILIENCE = "{max_attempts: 1}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    @TempDir
    Path dir;

    private static String pinsOf(FaultInjectionGateway env) {
        return env.get("/tools/pins").body();
    }

    /** Changes alpha's lookup and lets alpha say so in the answer to a call of its other tool. */
    private static void changeLookupAndAnnounceIt(FaultInjectionGateway env) {
        env.alpha.changeDefinition("lookup").announceListChangedOnNextCall();
        assertThat(env.post(ALPHA_UPDATE).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedDefinitionIsNoticedOnListChangedCountedAndShownButStillServedByDefault() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RESILIENCE)) {
            assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/lookup'].status").isEqualTo("pinned");
            String pinned = Json.newMapper().readTree(pinsOf(env)).path("data").path("pins").path("alpha/lookup")
                    .asString();
            String documentBefore = env.get("/openapi.json").body();
            assertThat(documentBefore).doesNotContain("version 2").isEqualTo(env.get("/openapi.json").body());
            assertThat(env.get("/metrics/prometheus").body()).as("a series to alert on before the first change")
                    .contains("gateway_tools_definition_changes_total{backend=\"alpha\",tool=\"lookup\"} 0.0");

            changeLookupAndAnnounceIt(env);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/lookup'].status").isEqualTo("changed"));
            String pins = pinsOf(env);
            assertThatJson(pins).inPath("data.changed").isEqualTo(1);
            assertThatJson(pins).inPath("data.tools.['alpha/lookup'].held").isEqualTo(false);
            assertThatJson(pins).inPath("data.tools.['alpha/lookup'].pinned_by").isEqualTo("first_listing");
            assertThatJson(pins).inPath("data.tools.['alpha/lookup'].pinned_hash").isEqualTo(pinned);
            assertThatJson(pins).inPath("data.tools.['alpha/lookup'].definition_hash").asString()
                    .startsWith("sha256:").isNotEqualTo(pinned);
            assertThatJson(pins).inPath("data.tools.['alpha/update'].status").isEqualTo("pinned");
            assertThat(env.get("/metrics/prometheus").body())
                    .contains("gateway_tools_definition_changes_total{backend=\"alpha\",tool=\"lookup\"} 1.0");
            assertThatJson(env.get("/tools/metadata/lookup").body()).inPath("data.pin.status").isEqualTo("changed");
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).as("hold_changed is off").isEqualTo(200);
            assertThat(env.get("/openapi.json").body()).as("the document served before is not kept")
                    .contains("A tool for fault injection, version 2");
        }
    }

    @Test
    void theListIsAlsoReadAgainPeriodically() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RESILIENCE, "", Map.of(),
                "tools: {refresh_interval_seconds: 5}")) {
            env.alpha.changeDefinition("update");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/update'].status").isEqualTo("changed"));
        }
    }

    @Test
    void withHoldChangedAChangedToolIsHeldUntilThePinsFileAcceptsIt() throws IOException {
        Path pinsFile = Files.writeString(dir.resolve("pins.json"), "{\"pins\": {}}");
        try (var env = new FaultInjectionGateway(5_000, 5_000, RESILIENCE, "", Map.of(),
                "tools: {hold_changed: true, pins_file: \"" + pinsFile + "\"}")) {
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);

            changeLookupAndAnnounceIt(env);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/lookup'].held").isEqualTo(true));

            HttpResponse<String> held = env.post(ALPHA_LOOKUP);
            assertThat(held.statusCode()).isEqualTo(503);
            assertThatJson(held.body()).inPath("error.code").isEqualTo("TOOL_DEFINITION_CHANGED");
            assertThat(env.alpha.calls("lookup")).as("a held tool is not called").isEqualTo(1);
            assertThat(env.postMcp(TOOLS_LIST).body()).as("nor listed on /mcp, and no other tool renamed")
                    .doesNotContain("alpha___lookup").contains("\"beta___lookup\"", "\"update\"");
            String heldCall = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}").body();
            assertThatJson(heldCall).as("a call is told why, as on REST").inPath("result.isError").isEqualTo(true);
            assertThatJson(heldCall).inPath("result.structuredContent.error.code").isEqualTo("TOOL_DEFINITION_CHANGED");
            assertThat(env.alpha.calls("lookup")).isEqualTo(1);
            assertThatJson(env.get("/tools/metadata/lookup").body()).inPath("data.pin.held").isEqualTo(true);
            String originalsList = env.postJson("/tools/mcp/tools/list", TOOLS_LIST).body();
            // nor handed to agents by the original's tool list with its unaccepted description: beta's lookup stays
            assertThatJson(originalsList).inPath("result.tools[*].name").isArray()
                    .containsExactlyInAnyOrder("update", "lookup");
            assertThat(originalsList).doesNotContain("version 2");

            // The operator accepts every tool as it is now: the saved /tools/pins answer is a pins file.
            Files.writeString(pinsFile, pinsOf(env));
            env.alpha.announceListChangedOnNextCall();
            assertThat(env.post(ALPHA_UPDATE).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200));
            assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/lookup'].pinned_by").isEqualTo("pins_file");
            assertThatJson(pinsOf(env)).inPath("data.changed").isEqualTo(0);
            assertThat(env.postMcp(TOOLS_LIST).body()).contains("\"alpha___lookup\"", "\"beta___lookup\"");
        }
    }

    @Test
    void aHeldToolStaysHeldAcrossAConfigurationReload() throws IOException {
        Path pinsFile = Files.writeString(dir.resolve("pins.json"), "{\"pins\": {}}");
        try (var env = new FaultInjectionGateway(5_000, 5_000, RESILIENCE, "", Map.of(),
                "tools: {hold_changed: true, pins_file: \"" + pinsFile + "\"}")) {
            changeLookupAndAnnounceIt(env);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(503));

            Files.writeString(env.configFile, Files.readString(env.configFile) + "environment: staging\n");
            HttpResponse<String> reloaded = env.reloadConfiguration();
            assertThatJson(reloaded.body()).inPath("data.changed_sections").isArray().containsExactly("environment");

            // the new gateway listed alpha's tools afresh: its first listing must not pin the changed definition
            HttpResponse<String> held = env.post(ALPHA_LOOKUP);
            assertThat(held.statusCode()).isEqualTo(503);
            assertThatJson(held.body()).inPath("error.code").isEqualTo("TOOL_DEFINITION_CHANGED");
            assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/lookup'].held").isEqualTo(true);
        }
    }

    @Test
    void theEventStreamListensInTheSessionOfTheCallsWhichTheGatewayEndsWhenItStops() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RESILIENCE, "", Map.of(), "", server -> {
            if (server.name().equals("alpha")) {
                server.requireSessions().offerEventStream();
            }
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.eventStreamsOpened() == 1);
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);

            assertThat(env.alpha.sessionsStarted()).as("one session for the stream and the calls").isEqualTo(1);
            assertThat(env.alpha.streamSessions()).containsExactly("session-1");
            List<Throwable> uncaught = new CopyOnWriteArrayList<>();
            Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            try {
                env.gateway.close();
                assertThat(env.alpha.sessionsEnded()).containsExactly("session-1");
                // the stream's reader, cut off in the middle of a read, ends quietly: no stack trace on stderr
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(uncaught).isEmpty());
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(before);
            }
        }
    }

    @Test
    void aListChangedPushedOnTheBackendsEventStreamIsNoticedAtOnce() throws IOException {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RESILIENCE, "", Map.of(), "", server -> {
            if (server.name().equals("alpha")) {
                server.offerEventStream();
            }
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> env.alpha.eventStreamsOpened() == 1);
            assertThat(env.beta.eventStreamsOpened()).as("beta is stateless: GET answered 405").isZero();

            env.alpha.changeDefinition("update");
            env.alpha.pushToolListChanged();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatJson(pinsOf(env)).inPath("data.tools.['alpha/update'].status").isEqualTo("changed"));
        }
    }
}
