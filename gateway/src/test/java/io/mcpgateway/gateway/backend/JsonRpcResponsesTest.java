package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The response is read out of a JSON body or an event stream; answers that are no JSON-RPC response are refused,
 * saying what came instead in the log alone.
 */
class JsonRpcResponsesTest {

    private static BackendFailure refusal(String contentType, String body) {
        return catchThrowableOfType(BackendFailure.class, () -> JsonRpcResponses.parse(contentType,
                body.getBytes(StandardCharsets.UTF_8), 7, Json.newMapper(), "search", method -> { }));
    }

    @Test
    void aPageInsteadOfAResponseIsDescribedByItsTypeSizeAndFirstCharactersOnOneLine() {
        String page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>" + " ".repeat(200);

        BackendFailure failure = refusal("text/html; charset=utf-8", page);

        assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.PROTOCOL);
        assertThat(failure.getMessage()).as("shown wherever failures are: /health too")
                .isEqualTo("backend 'search' answered with something that is not a JSON-RPC response");
        assertThat(failure.forLog()).isEqualTo("backend 'search' answered with something that is not a JSON-RPC"
                + " response (Content-Type text/html; charset=utf-8, " + page.length() + " bytes, beginning"
                + " '<!DOCTYPE html> <html><head><title>502 Bad Gateway</title></head>               ...')");
    }

    @Test
    void aStreamWhoseLinesEndWithABareCrIsReadAsOneWithLfOrCrlf() throws BackendFailure {
        String stream = "event: message|data: {\"method\":\"notifications/tools/list_changed\"}||" // | a line end
                + "event: message|data: {\"jsonrpc\":\"2.0\",|data:  \"id\": 7, \"result\": {\"n\": 1}}||";

        for (String end : new String[] {"\r", "\n", "\r\n"}) {
            List<String> notified = new ArrayList<>();
            JsonNode response = JsonRpcResponses.parse("text/event-stream", stream.replace("|", end)
                    .getBytes(StandardCharsets.UTF_8), 7, Json.newMapper(), "search", notified::add);

            assertThat(response.path("result").path("n").asInt()).as(end).isEqualTo(1);
            assertThat(notified).as(end).containsExactly("notifications/tools/list_changed");
        }
    }

    @Test
    void anEmptyAnswerOrAStreamWithoutTheResponseSaysSo() {
        assertThat(refusal("", "").forLog()).endsWith("(no Content-Type, 0 bytes)");
        assertThat(refusal("text/event-stream", "event: ping\n\n").forLog())
                .endsWith("(Content-Type text/event-stream, 13 bytes, beginning 'event: ping  ')");
    }
}
