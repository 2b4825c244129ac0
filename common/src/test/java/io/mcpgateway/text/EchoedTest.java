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

    @Test
    void anotherPartysTextIsLoggedOnOneLineAndClipped() {
        assertThat(Echoed.oneLine("boom\n{\"level\":\"ERROR\"}\r\n\tx", 100))
                .isEqualTo("boom {\"level\":\"ERROR\"}   x");
        assertThat(Echoed.oneLine("E".repeat(5_000), 10)).isEqualTo("EEEEEEEEEE...");
        assertThat(Echoed.oneLine("a\u0085b\u2028c\u2029d", 10)).isEqualTo("a b c d");
        assertThat(Echoed.oneLine("exe.\u202Etxt\u2066x\u2069", 20)).as("bidi controls").isEqualTo("exe. txt x ");
        assertThat(Echoed.oneLine(null, 10)).isNull();
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83C\uDF5C";
        assertThat(Echoed.clip("abc" + emoji + "def", 4)).isEqualTo("abc...");
        assertThat(Echoed.clip("abc" + emoji + "def", 5)).isEqualTo("abc" + emoji + "...");
    }
}
