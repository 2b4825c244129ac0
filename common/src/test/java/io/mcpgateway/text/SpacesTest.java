package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SpacesTest {

    // what Python's str.split() splits on beyond ASCII: no-break, ideographic, narrow no-break, next-line, figure
    private static final String WIDE_SPACES = "\u00a0\u3000\u202f\u0085\u2007\u2028\t";

    @Test
    void collapsesEveryKindOfSpaceIntoOne() {
        assertThat(Spaces.collapse("  café\u3000 餐廳\u00a0 z\u202f")).isEqualTo("café 餐廳 z");
        assertThat(Spaces.collapse(WIDE_SPACES + "a" + WIDE_SPACES + "b" + WIDE_SPACES)).isEqualTo("a b");
        assertThat(Spaces.collapse("plain")).isEqualTo("plain");
        assertThat(Spaces.collapse(WIDE_SPACES)).isEmpty();
    }

    @Test
    void stripsOnlyTheEnds() {
        assertThat(Spaces.strip("\u00a0 fine \u3000 dining\u0085")).isEqualTo("fine \u3000 dining");
        assertThat(Spaces.strip(WIDE_SPACES)).isEmpty();
        assertThat(Spaces.strip("😀")).isEqualTo("😀");
    }

    @Test
    void blankMeansSpacesOfAnyKindAlone() {
        assertThat(Spaces.isBlank("")).isTrue();
        assertThat(Spaces.isBlank("\u00a0")).isTrue();
        assertThat(Spaces.isBlank("\u3000 \t")).isTrue();
        assertThat(Spaces.isBlank("\u00a0x")).isFalse();
        assertThat(Spaces.isBlank("\u200b")).as("a zero-width space is a format character, not a space").isFalse();
    }

    /** Schemas say "not blank" with this pattern: it must agree with {@link Spaces#isSpace} on every code point. */
    @Test
    void theNotBlankPatternFindsExactlyTheCharactersThatAreNoSpace() {
        Pattern notBlank = Pattern.compile(Spaces.NOT_BLANK_PATTERN);
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            boolean found = notBlank.matcher(Character.toString(codePoint)).find();
            if (found == Spaces.isSpace(codePoint)) {
                throw new AssertionError("U+%04X: pattern finds %s, isSpace %s".formatted(codePoint, found,
                        Spaces.isSpace(codePoint)));
            }
        }
        assertThat(notBlank.matcher(" \u3000x\u00a0").find()).isTrue();
        assertThat(notBlank.matcher(" \u3000\u0085\u00a0\t").find()).isFalse();
    }
}
