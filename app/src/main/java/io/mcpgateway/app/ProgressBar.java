package io.mcpgateway.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A progress bar for long commands: redrawn in place on a terminal, a line every tenth otherwise (logs, CI).
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private int lastTenth = -1;
    private int lastPercent = -1;

    /** @param terminal redraw in place; otherwise print a line every tenth */
    public ProgressBar(PrintWriter out, String label, long total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(0, total);
        this.terminal = terminal;
    }

    public static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(new PrintWriter(System.err, true), label, total, isTerminal());
    }

    /**
     * Whether standard error, where the bar is drawn, is shown on a terminal, where redrawing in place works. On Linux
     * its descriptor tells (a link to a tty: {@code 2>file} is not one, {@code >file} leaves it one); elsewhere the
     * JVM's console, which looks at standard input and output instead, is the best guess there is.
     */
    public static boolean isTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        try {
            return isTerminalDevice(Files.readSymbolicLink(stderr).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Whether the file a descriptor links to is a terminal: a pseudo-terminal or a console. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /** @param done how far the work is; past the total (a run by duration ends after its time) shown as the total */
    public void update(long done) {
        done = Math.min(done, total);
        int percent = total == 0 ? 100 : (int) (done * 100 / total); // nothing to do is all done
        if (terminal && percent != lastPercent) {
            int filled = percent * WIDTH / 100;
            out.printf("\r%s [%s%s] %3d%% %,d/%,d", label, "#".repeat(filled), " ".repeat(WIDTH - filled), percent,
                    done, total);
            lastPercent = percent;
        } else if (!terminal && percent / 10 != lastTenth) {
            out.printf("%s %d%% (%,d/%,d)%n", label, percent, done, total);
            lastTenth = percent / 10;
        }
    }

    public void finish() {
        if (terminal) {
            out.println();
        }
        out.flush();
    }
}
