package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoedTest {

    @Test
    void shortTextIsKeptAndLongTextCut() {
        assertThat(Echoed.clip("/api/x", 10)).isEqualTo("/api/x");
        assertThat(Echoed.clip("0123456789", 10)).isEqualTo("0123456789");
        assertThat(Echoed.clip("0123456789A", 10)).isEqualTo("0123456789...");
        assertThat(Echoed.clip(null, 10)).isNull();
    }
}
