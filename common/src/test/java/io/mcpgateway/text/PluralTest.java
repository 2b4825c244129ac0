package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertThat(Plural.of(1, "problem")).isEqualTo("1 problem");
        assertThat(Plural.of(0, "problem")).isEqualTo("0 problems");
        assertThat(Plural.of(2, "failed probe")).isEqualTo("2 failed probes");
    }

    @Test
    void aGroupedCountSeparatesItsThousands() {
        assertThat(Plural.grouped(1, "line")).isEqualTo("1 line");
        assertThat(Plural.grouped(1_849, "restaurant")).isEqualTo("1,849 restaurants");
        assertThat(Plural.grouped(0, "other line")).isEqualTo("0 other lines");
    }
}
