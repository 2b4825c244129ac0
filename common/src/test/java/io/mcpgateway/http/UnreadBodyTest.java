package io.mcpgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class UnreadBodyTest {

    @Test
    void aBodyThatHasArrivedIsReadToItsEnd() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[20_000]);

        assertThat(UnreadBody.drop(in, () -> in.available() == 0, 50_000, false)).isTrue();
        assertThat(in.available()).isZero();
    }

    @Test
    void aBodyLargerThanTheLimitIsLeftForTheConnectionToBeClosed() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100_000]);

        assertThat(UnreadBody.drop(in, () -> in.available() == 0, 10_000, true)).isFalse();
        assertThat(in.available()).isPositive();
    }

    @Test
    void withoutWaitingOnlyWhatHasArrivedIsRead() throws IOException {
        try (PipedOutputStream sender = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(sender)) {
            sender.write(new byte[1_000]);
            long start = System.nanoTime();

            assertThat(UnreadBody.drop(in, () -> false, 50_000, false)).isFalse();
            assertThat(in.available()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void waitingReadsTheRestAsItComes() throws Exception {
        try (PipedOutputStream sender = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(sender)) {
            sender.write(new byte[1_000]);
            AtomicBoolean sent = new AtomicBoolean();
            Thread late = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                    sender.write(new byte[1_000]);
                    sent.set(true);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(UnreadBody.drop(in, () -> sent.get() && nothingLeft(in), 50_000, true)).isTrue();
            assertThat(in.available()).isZero();
            late.join();
        }
    }

    @Test
    void aSenderThatStopsIsWaitedForAboutASecond() throws IOException {
        try (PipedOutputStream sender = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(sender)) {
            sender.write(new byte[1_000]);
            long start = System.nanoTime();

            assertThat(UnreadBody.drop(in, () -> false, 50_000, true)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofNanos(UnreadBody.QUIET_NANOS))
                    .isLessThan(Duration.ofNanos(UnreadBody.AT_MOST_NANOS));
        }
    }

    private static boolean nothingLeft(InputStream in) {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailingReadLeavesTheConnectionToBeClosed() {
        InputStream broken = new InputStream() {
            @Override
            public int available() {
                return 10;
            }

            @Override
            public int read() throws IOException {
                throw new IOException("reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("reset");
            }
        };

        assertThat(UnreadBody.drop(broken, () -> false, 50_000, true)).isFalse();
    }
}
