package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failed request is a finding in words, never an exception. */
@Timeout(30)
class HttpProbeTest {

    private final Duration timeout = Duration.ofMillis(300);
    private final HttpProbe probe = new HttpProbe(HttpProbe.newClient(timeout), timeout);

    @Test
    void nothingListeningIsAConnectionRefused() {
        ProbeResult result = probe.get(URI.create("http://127.0.0.1:1/health"));

        assertThat(result.answered()).isFalse();
        assertThat(result.failure()).isEqualTo("connection refused by 127.0.0.1:1 (is anything listening there?)");
    }

    @Test
    void aNameThatDoesNotResolveIsAnUnknownHost() {
        // .invalid never resolves (RFC 2606).
        ProbeResult result = probe.get(URI.create("http://gateway.invalid:8080/health"));

        assertThat(result.failure()).isEqualTo("unknown host gateway.invalid");
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws IOException {
        // The operating system accepts the connection into the backlog; nobody ever reads or answers it.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProbeResult result = probe.get(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/health"));

            assertThat(result.failure()).isEqualTo("no answer from 127.0.0.1:" + silent.getLocalPort()
                    + " within 300 ms");
        }
    }
}
