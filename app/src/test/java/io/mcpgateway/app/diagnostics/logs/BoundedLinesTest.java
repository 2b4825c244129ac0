package io.mcpgateway.app.diagnostics.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    private static List<String> lines(String text, int maxChars) throws IOException {
        List<String> lines = new ArrayList<>();
        BoundedLines.forEach(new StringReader(text), maxChars, lines::add);
        return lines;
    }

    @Test
    void linesEndAtLineFeedsWithTheirCarriageReturnsDropped() throws IOException {
        assertThat(lines("one\r\ntwo\n\nthree", 100)).containsExactly("one", "two", "", "three");
        assertThat(lines("one\n", 100)).containsExactly("one");
        assertThat(lines("", 100)).isEmpty();
    }

    @Test
    void aLineOverTheBoundIsHandedOnEmptyAndTheLinesAfterItAreRead() throws IOException {
        String huge = "0".repeat(50_000);

        assertThat(lines("first\n" + huge + "\nlast\n", 1_000)).containsExactly("first", "", "last");
        assertThat(lines(huge, 1_000)).as("no line feed at all, as /dev/zero").containsExactly("");
        assertThat(lines("x".repeat(1_000) + "\n", 1_000)).as("at the bound").containsExactly("x".repeat(1_000));
    }
}
