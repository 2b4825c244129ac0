package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatestOutcomeTest {

    private final LatestOutcome fetches = new LatestOutcome();

    @Test
    void aFetchThatFailsAfterALaterOneSucceededDoesNotMakeTheIssuerLookUnreachable() {
        long slow = fetches.begin();
        long quick = fetches.begin();

        fetches.end(quick, null);
        fetches.end(slow, "cannot read the key set: timed out");

        assertThat(fetches.error()).isNull();
    }

    @Test
    void aFetchThatFailsAfterAnEarlierOneSucceededIsReported() {
        long first = fetches.begin();
        long second = fetches.begin();

        fetches.end(first, null);
        fetches.end(second, "connection refused");

        assertThat(fetches.error()).isEqualTo("connection refused");
    }

    @Test
    void aLaterSuccessClearsAnEarlierFailure() {
        fetches.end(fetches.begin(), "connection refused");
        fetches.end(fetches.begin(), null);

        assertThat(fetches.error()).isNull();
    }

    @Test
    void nothingIsReportedBeforeAnyFetchEnded() {
        fetches.begin();

        assertThat(fetches.error()).isNull();
    }
}
