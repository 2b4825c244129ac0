package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    @Test
    void asciiAndWellFormedUtf8AreValid() {
        assertThat(StrictUtf8.isJsonText("{\"districts\": [\"Central\"]}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StrictUtf8.isJsonText("麻辣 \uD83C\uDF5C".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StrictUtf8.isJsonText(new byte[0])).isTrue();
    }

    @Test
    void overlongFormsSurrogatesZeroBytesAndOtherEncodingsAreNot() {
        assertThat(StrictUtf8.isJsonText(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'})).as("overlong /").isFalse();
        assertThat(StrictUtf8.isJsonText(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("CESU surrogate").isFalse();
        assertThat(StrictUtf8.isJsonText(new byte[] {(byte) 0xE9})).as("latin-1 é").isFalse();
        assertThat(StrictUtf8.isJsonText("{}".getBytes(StandardCharsets.UTF_16LE))).as("UTF-16").isFalse();
    }
}
