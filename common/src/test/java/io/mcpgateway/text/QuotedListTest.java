package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class QuotedListTest {

    @Test
    void namesAreQuotedAsPythonPrintsAListOfStrings() {
        assertThat(QuotedList.of(List.of("Central, Admiralty", "Mong Kok")))
                .isEqualTo("['Central, Admiralty', 'Mong Kok']");
        assertThat(QuotedList.of(List.of(""))).isEqualTo("['']");
        assertThat(QuotedList.of(List.of())).isEqualTo("[]");
    }

    @Test
    void quotesInsideANameAreChosenAndEscapedAsPythonDoes() {
        assertThat(QuotedList.of(List.of("Lee's"))).isEqualTo("[\"Lee's\"]");
        assertThat(QuotedList.of(List.of("say \"hi\""))).isEqualTo("['say \"hi\"']");
        assertThat(QuotedList.of(List.of("both ' and \""))).isEqualTo("['both \\' and \"']");
        assertThat(QuotedList.of(List.of("a\\b"))).isEqualTo("['a\\\\b']");
    }

    @Test
    void controlCharactersAreEscapedSoTheMessageStaysOneLine() {
        assertThat(QuotedList.of(List.of("a\nb\tc\rd\u001be\u007f"))).isEqualTo("['a\\nb\\tc\\rd\\x1be\\x7f']");
    }
}
