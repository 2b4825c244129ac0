package io.mcpgateway.app;

import java.io.PrintStream;

/**
 * A progress bar for long commands: redrawn in place on a terminal, a line every tenth otherwise (logs, CI).
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private int lastTenth = -1;
    private int lastPercent = -1;

    ProgressBar(PrintStream out, String label, long total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = terminal;
    }

    static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(System.err, label, total, System.console() != null);
    }

    void update(long done) {
        int percent = (int) (done * 100 / total);
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

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
