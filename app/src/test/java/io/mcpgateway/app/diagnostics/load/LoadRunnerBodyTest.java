package io.mcpgateway.app.diagnostics.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LoadRunnerBodyTest {

    @Test
    void aLargeAnswerIsReadToItsEndButOnlyItsStartIsKept() throws IOException {
        byte[] answer = new byte[5 * 1024 * 1024];
        Arrays.fill(answer, (byte) 'x');
        ByteArrayInputStream body = new ByteArrayInputStream(answer);

        byte[] kept = LoadRunner.readWholeKeepingTheStart(body);

        assertThat(kept).hasSize(LoadRunner.KEPT_BODY_BYTES);
        assertThat(body.available()).as("read to its end, as a client would").isZero();
    }

    @Test
    void aSmallAnswerIsKeptWhole() throws IOException {
        byte[] envelope = "{\"error\": {\"type\": \"RateLimitError\"}}".getBytes();

        assertThat(LoadRunner.readWholeKeepingTheStart(new ByteArrayInputStream(envelope))).isEqualTo(envelope);
    }
}
