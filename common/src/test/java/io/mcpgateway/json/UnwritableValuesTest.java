package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UnwritableValuesTest {

    @Test
    void pairedSurrogatesAndOtherTextAreUnicode() {
        assertThat(UnwritableValues.in("Central district")).isFalse();
        assertThat(UnwritableValues.in("麻辣 \uD83C\uDF5C noodles")).isFalse(); // a pair: one emoji
        assertThat(UnwritableValues.in("")).isFalse();
    }

    @Test
    void aHalfOfAPairAnywhereIsFound() {
        assertThat(UnwritableValues.in("\uD800")).isTrue();
        assertThat(UnwritableValues.in("a\uDC00b")).isTrue(); // a low half first
        assertThat(UnwritableValues.in("\uD83C")).isTrue(); // a high half at the end
        assertThat(UnwritableValues.in("\uD83C\uD83C\uDF5C")).isTrue(); // two highs, one low
    }

    @Test
    void findNamesWhereInTheValueTheBadStringIsAsAJsonPointer() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", 5);
        body.put("districts", List.of("Central", "x\uD800"));
        assertThat(UnwritableValues.find(body))
                .isEqualTo("the string at /districts/1 has an unpaired UTF-16 surrogate");

        Map<String, Object> nested = Map.of("a/b~c", List.of(Map.of("name", "\uDFFF")));
        assertThat(UnwritableValues.find(nested)).contains(" at /a~1b~0c/0/name ");

        assertThat(UnwritableValues.find(Map.of("restaurants", List.of(Map.of("\uD800key", 1)))))
                .isEqualTo("a member name in /restaurants/0 has an unpaired UTF-16 surrogate");
        assertThat(UnwritableValues.find("\uD800")).isEqualTo("the string at the top has an unpaired UTF-16 surrogate");
    }

    @Test
    void numbersTooLargeForADoubleAreFound() {
        assertThat(UnwritableValues.find(Map.of("limit", Double.POSITIVE_INFINITY)))
                .isEqualTo("the number at /limit is out of range");
        assertThat(UnwritableValues.find(List.of(1, Double.NEGATIVE_INFINITY))).contains(" at /1 ");
        assertThat(UnwritableValues.find(Map.of("limit", 1e300, "big", new java.math.BigInteger("9".repeat(40)))))
                .isNull();
    }

    @Test
    void valuesWithoutBadStringsGiveNull() {
        assertThat(UnwritableValues.find(Map.of("districts", List.of("Central", "\uD83C\uDF5C"), "n", 1.5)))
                .isNull();
        assertThat(UnwritableValues.find(null)).isNull();
    }

    @Test
    void longPathsAreCutSinceTheyAreEchoed() {
        String longName = "n".repeat(500);
        String found = UnwritableValues.find(Map.of(longName, "\uD800"));
        assertThat(found).contains(" /" + "n".repeat(199) + "... has");
    }
}
