package io.mcpgateway.app.diagnostics.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMessageShapeTest {

    @Test
    void numbersAndDurationsBecomeAPlaceholder() {
        assertThat(LogMessageShape.of("backend 'restaurant-search' did not answer within 30000 ms after 2.5 s"))
                .isEqualTo("backend 'restaurant-search' did not answer within <n> ms after <n> s");
    }

    @Test
    void requestIdsBecomeAPlaceholderWhateverTheirForm() {
        assertThat(LogMessageShape.of("POST /mcp (request 3f2a9c1e-7b4d-4e8f-9a01-2c3d4e5f6a7b, for 50.0 s)"))
                .isEqualTo(LogMessageShape.of("POST /mcp (request client-run, for 41.7 s)"))
                .isEqualTo("POST /mcp (request <id>, for <n> s)");
        assertThat(LogMessageShape.of("no answer to request_id 'abc' yet"))
                .isEqualTo("no answer to request_id <id> yet");
    }

    @Test
    void quotedIdsAndHashesBecomeAPlaceholderButQuotedNamesStay() {
        assertThat(LogMessageShape.of("Tool 'search' of backend 'restaurant-search' changed: pinned"
                + " sha256:1f0e3dad99908345f7439f8ffabdffc4, call 'r-7f3e'"))
                .isEqualTo("Tool 'search' of backend 'restaurant-search' changed: pinned sha<n>:<id>, call '<id>'");
    }
}
