package io.mcpgateway.gateway.backend;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.json.Json;

/**
 * A JSON-RPC batch on the gateway's /mcp costs no more than one request may: its tool calls share the time of the
 * slowest backend's total timeout, and its answer the bytes of the largest backend answer.
 */
@Timeout(60)
class McpBatchLimitsIntegrationTest {

    private static final String LOOKUP = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}";

    private static String batchOf(int calls) {
        StringBuilder batch = new StringBuilder("[");
        for (int id = 1; id <= calls; id++) {
            batch.append(id > 1 ? "," : "").append(LOOKUP.formatted(id));
        }
        return batch.append(']').toString();
    }

    @Test
    void toolCallsShareTheTimeOfOneAndACallCutByItDoesNotCountAgainstTheBackend() {
        // the slowest backend's total timeout is beta's 2 s; each alpha call takes 1.2 s; a breaker of two calls
        try (FaultInjectionGateway system = new FaultInjectionGateway(1_500, 1_500,
                "{max_attempts: 1, minimum_calls: 2, sliding_window_size: 2}")) {
            system.alpha.always(FaultyMcpServer.Behaviour.slow(Duration.ofMillis(1_200)));

            for (int batch = 0; batch < 2; batch++) {
                HttpResponse<String> response = system.postMcp(batchOf(3));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).inPath("[0].result.isError").isEqualTo(false);
                assertThatJson(response.body()).inPath("[1].result.isError").as("cut at the batch's end")
                        .isEqualTo(true);
                assertThatJson(response.body()).inPath("[1].result.structuredContent.error.code")
                        .isEqualTo("BATCH_TIME_UP");
                assertThatJson(response.body()).inPath("[2].id").isEqualTo(3);
                assertThatJson(response.body()).inPath("[2].error.code").isEqualTo(-32000);
                assertThatJson(response.body()).inPath("[2].error.message").asString()
                        .startsWith("Not answered in this batch: the batch's tool calls took the 2000 ms");
            }

            assertThat(system.alpha.calls("lookup")).isEqualTo(4);
            assertThat(system.post(FaultInjectionGateway.ALPHA_LOOKUP).statusCode())
                    .as("the breaker saw two successes and two cuts that were not the backend's doing")
                    .isEqualTo(200);
        }
    }

    @Test
    void anAnswerPastTheBytesOfOneIsLeftOutAndTheCallsAfterItAreNotMade() {
        String small = ", max_response_bytes: 4096";
        try (FaultInjectionGateway system = new FaultInjectionGateway(2_000, 2_000, "{max_attempts: 1}", small,
                Map.of(), "", server -> { }, small)) {
            int calls = 4096 / system.postMcp(LOOKUP.formatted(1)).body().length() + 3;

            HttpResponse<String> response = system.postMcp(batchOf(calls));

            assertThat(response.statusCode()).isEqualTo(200);
            var answers = Json.newMapper().readTree(response.body());
            int answered = 0;
            while (answers.get(answered).has("result")) {
                answered++;
            }
            assertThat(answered).isBetween(1, calls - 3);
            for (int left = answered; left < calls; left++) {
                assertThatJson(answers.get(left).toString()).inPath("error.code").isEqualTo(-32000);
                assertThatJson(answers.get(left).toString()).inPath("error.message").asString()
                        .contains("pass the 4096 bytes one answer may have");
            }
            assertThat(system.alpha.calls("lookup")).as("the one alone, those answered, and the one left out")
                    .isEqualTo(1 + answered + 1);
        }
    }
}
