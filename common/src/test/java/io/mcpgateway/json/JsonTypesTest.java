package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTypesTest {

    @Test
    void everyJsonTypeHasItsName() {
        assertThat(JsonTypes.nameOf(null)).isEqualTo("null");
        assertThat(JsonTypes.nameOf("x")).isEqualTo("a string");
        assertThat(JsonTypes.nameOf(true)).isEqualTo("a boolean");
        assertThat(JsonTypes.nameOf(1.5)).isEqualTo("a number");
        assertThat(JsonTypes.nameOf(BigInteger.TEN)).isEqualTo("a number");
        assertThat(JsonTypes.nameOf(List.of())).isEqualTo("a list");
        assertThat(JsonTypes.nameOf(Map.of())).isEqualTo("an object");
    }
}
