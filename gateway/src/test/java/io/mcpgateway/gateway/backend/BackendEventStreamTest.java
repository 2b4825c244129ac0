package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackendEventStreamTest {

    private static List<String> lines(String text) throws IOException {
        BackendEventStream.EventLines in = new BackendEventStream.EventLines(new BufferedReader(new StringReader(text)));
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.next()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void linesEndWithAnyOfTheThreeEventStreamLineEnds() throws IOException {
        assertThat(lines("data: a\n\ndata: b\r\n\r\ndata: c\r\rlast")).containsExactly("data: a", "", "data: b", "",
                "data: c", "", "last");
    }

    @Test
    void aLineEndedByCrIsGivenWithoutWaitingForTheNextCharacter() throws IOException {
        PipedWriter server = new PipedWriter();
        BackendEventStream.EventLines lines = new BackendEventStream.EventLines(new BufferedReader(
                new PipedReader(server)));
        server.write("data: {}\r\r");
        server.flush();

        assertThat(lines.next()).isEqualTo("data: {}");
        assertThat(lines.next()).as("the blank line that completes the event, the stream still open").isEmpty();
    }

    @Test
    void aLineLongerThanTheBoundIsRefusedNotReadIntoMemory() {
        String endless = "data: " + "x".repeat(BackendEventStream.MAX_EVENT_CHARS);

        assertThatThrownBy(() -> lines(endless)).isInstanceOf(IOException.class)
                .hasMessage("a line longer than " + BackendEventStream.MAX_EVENT_CHARS + " characters");
    }
}
