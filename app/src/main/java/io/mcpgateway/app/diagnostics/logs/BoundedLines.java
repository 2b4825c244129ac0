package io.mcpgateway.app.diagnostics.logs;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * The lines of a log, each held only up to a bound: a longer one (a file without line breaks, {@code /dev/zero}, a
 * binary file given by mistake) is handed on empty, so that it is counted and skipped like any other line that is no
 * log line, instead of being read whole into the heap. A line ends at a line feed, a carriage return before it
 * dropped.
 */
final class BoundedLines {

    /** Far beyond any gateway log line (a few KB at most), far below any heap. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private BoundedLines() {
    }

    static void forEach(Reader in, int maxChars, Consumer<String> action) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean pending = false; // characters read since the last line feed
        char[] chunk = new char[8192];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                char c = chunk[i];
                if (c == '\n') {
                    action.accept(tooLong ? "" : withoutCarriageReturn(line));
                    line.setLength(0);
                    tooLong = false;
                    pending = false;
                    continue;
                }
                pending = true;
                if (tooLong) {
                    continue;
                }
                if (line.length() == maxChars) {
                    tooLong = true;
                    line.setLength(0);
                    line.trimToSize();
                } else {
                    line.append(c);
                }
            }
        }
        if (pending) {
            action.accept(tooLong ? "" : withoutCarriageReturn(line));
        }
    }

    private static String withoutCarriageReturn(StringBuilder line) {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
    }
}
