package io.mcpgateway.gateway.backend.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Event streams are split into events' data as the HTML standard reads them, however their bytes arrive. */
class ServerSentEventsTest {

    /** The data of every event of {@code stream}, read in pieces of {@code piece} bytes, its end included. */
    private static List<String> events(String stream, int piece) {
        List<String> events = new ArrayList<>();
        ServerSentEvents reader = new ServerSentEvents(data -> {
            events.add(new String(data, StandardCharsets.UTF_8));
            return false;
        });
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int length = Math.min(piece, bytes.length); ; length = Math.min(length + piece, bytes.length)) {
            assertThat(reader.scan(bytes, length)).isEqualTo(-1);
            if (length == bytes.length) {
                break;
            }
        }
        reader.end(bytes, bytes.length);
        return events;
    }

    private static List<String> events(String stream) {
        return events(stream, Integer.MAX_VALUE);
    }

    @Nested
    class LineEnds {

        @Test
        void crlfLfAndABareCrEachEndALineAndACrlfIsOneLineEnd() {
            String stream = "data: {\"a\":1}||: comment|data: {\"b\":2}|data: second||"; // | for a line end

            for (String end : new String[] {"\n", "\r\n", "\r"}) {
                assertThat(events(stream.replace("|", end))).as(end)
                        .containsExactly("{\"a\":1}", "{\"b\":2}\nsecond");
            }
        }

        @Test
        void aCrlfSplitBetweenTwoReadsIsStillOneLineEnd() {
            String stream = "data: one\r\ndata: two\r\n\r\ndata: three\r\n\r\n";

            for (int piece = 1; piece < stream.length(); piece++) {
                assertThat(events(stream, piece)).as("pieces of " + piece).containsExactly("one\ntwo", "three");
            }
        }
    }

    @Nested
    class Fields {

        @Test
        void exactlyOneSpaceAfterTheColonIsDroppedAndTheRestOfTheValueIsKept() {
            assertThat(events("data:x\n\ndata: x\n\ndata:  x \n\ndata:\ty\n\n"))
                    .containsExactly("x", "x", " x ", "\ty");
        }

        @Test
        void dataLinesAreJoinedWithLfAndADataFieldWithoutValueAddsAnEmptyLine() {
            assertThat(events("data: {\ndata\ndata:\ndata: }\n\n")).containsExactly("{\n\n\n}");
        }

        @Test
        void commentsOtherFieldsAndEventsWithoutDataAreSkipped() {
            assertThat(events(": ping\n\nevent: message\nid: 4\nretry: 10\ndata: d\n\nevent: empty\n\n"
                    + "database: not data\n\n")).containsExactly("d");
        }

        @Test
        void aByteOrderMarkAtTheStreamsStartIsDroppedAndOneLaterIsData() {
            for (int piece = 1; piece <= 4; piece++) {
                assertThat(events("\uFEFFdata: first\n\ndata: \uFEFFsecond\n\n", piece)).as("pieces of " + piece)
                        .containsExactly("first", "\uFEFFsecond");
            }
        }

        @Test
        void aLastEventWithoutItsBlankLineIsStillReadAtTheStreamsEnd() {
            assertThat(events("data: first\n\ndata: last")).containsExactly("first", "last");
        }
    }

    @Test
    void readingStopsAfterTheBlankLineOfTheFinalEvent() {
        List<String> seen = new ArrayList<>();
        ServerSentEvents reader = new ServerSentEvents(data -> {
            String event = new String(data, StandardCharsets.UTF_8);
            seen.add(event);
            return event.equals("answer");
        });
        byte[] stream = "data: note\n\ndata: answer\r\n\r\ndata: after\n\n".getBytes(StandardCharsets.UTF_8);

        int end = reader.scan(stream, stream.length);

        assertThat(seen).containsExactly("note", "answer");
        assertThat(new String(stream, 0, end, StandardCharsets.UTF_8)).isEqualTo("data: note\n\ndata: answer\r\n\r");
    }
}
