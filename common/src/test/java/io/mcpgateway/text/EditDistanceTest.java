package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("sentimen", "sentiment")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    }

    @Test
    void twoNeighboursSwappedAreOneSlip() {
        assertThat(EditDistance.between("wanchia", "wanchai")).isEqualTo(1);
        assertThat(EditDistance.between("stanely", "stanley")).isEqualTo(1);
        assertThat(EditDistance.between("ab", "ba")).isEqualTo(1);
        // a swap, then an edit of a swapped letter, is not one of them (optimal string alignment)
        assertThat(EditDistance.between("ca", "abc")).isEqualTo(3);
    }

    @Test
    void aSlipKeepsTheFirstLetterAndHoldsOneEditInEightLettersTwoInTwelveThreeBeyond() {
        assertThat(EditDistance.isSlip("breakfst", "breakfast")).isTrue();
        assertThat(EditDistance.isSlip("dinners", "dinner")).isTrue();
        assertThat(EditDistance.isSlip("brunch", "lunch")).isFalse(); // another first letter
        assertThat(EditDistance.isSlip("taitam", "taiwai")).isFalse(); // two edits in six letters
        assertThat(EditDistance.isSlip("causwaybay", "causewaybay")).isTrue();
        assertThat(EditDistance.isSlip("admirality", "admiralty")).isTrue();
        assertThat(EditDistance.isSlip("tsimshatsuiiii", "tsimshatsui")).isTrue(); // three in fourteen
        assertThat(EditDistance.isSlip("", "lunch")).isFalse();
    }

    @Test
    void closestIsTheNearestCandidateWithinTheToleranceAndTheFirstOfEquallyNearOnes() {
        List<String> known = List.of("likes", "dislikes", "lines");

        assertThat(EditDistance.closest("like", known, 1)).contains("likes");
        assertThat(EditDistance.closest("liked", known, 1)).contains("likes");
        assertThat(EditDistance.closest("neutral", known, 3)).isEmpty();
        assertThat(EditDistance.closest("x", List.of(), 3)).isEmpty();
    }
}
