package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter text = new StringWriter();

    @Test
    void withoutATerminalPrintsALineEveryTenth() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "Generating", 1000, false);
        for (int done = 0; done <= 1000; done += 50) {
            bar.update(done);
        }
        bar.finish();

        assertThat(text.toString().lines()).containsExactly("Generating 0% (0/1,000)", "Generating 10% (100/1,000)",
                "Generating 20% (200/1,000)", "Generating 30% (300/1,000)", "Generating 40% (400/1,000)",
                "Generating 50% (500/1,000)", "Generating 60% (600/1,000)", "Generating 70% (700/1,000)",
                "Generating 80% (800/1,000)", "Generating 90% (900/1,000)", "Generating 100% (1,000/1,000)");
    }

    @Test
    void nothingToDoIsShownDone() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "Generating", 0, false);
        bar.update(0);
        bar.finish();

        assertThat(text.toString().lines()).containsExactly("Generating 100% (0/0)");
    }

    @Test
    void workPastTheTotalShowsAsTheTotal() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "load-test (ms)", 3000, true);
        bar.update(2990);
        bar.update(3002);
        bar.finish();

        assertThat(text.toString()).endsWith("100% 3,000/3,000" + System.lineSeparator())
                .doesNotContain("3,002").contains("\rload-test (ms) [" + "#".repeat(29) + " ]  99% 2,990/3,000");
    }

    @Test
    void theBarIsRedrawnOnlyWhenStandardErrorItselfIsATerminal() {
        // what /proc/self/fd/2 links to: 2>progress.log is a file even with standard output on a terminal
        assertThat(ProgressBar.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(ProgressBar.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(ProgressBar.isTerminalDevice("/home/me/progress.log")).isFalse();
        assertThat(ProgressBar.isTerminalDevice("pipe:[123456]")).isFalse();
        assertThat(ProgressBar.isTerminalDevice("/dev/null")).isFalse();
    }
}
