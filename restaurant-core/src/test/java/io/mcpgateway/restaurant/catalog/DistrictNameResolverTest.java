package io.mcpgateway.restaurant.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mcpgateway.restaurant.MealType;

class DistrictNameResolverTest {

    private final DistrictCatalog catalog = new DistrictCatalog(List.of(
            new Region("Hong Kong Island", List.of(new District("Central district", "Hong Kong Island"),
                    new District("Western District", "Hong Kong Island"), new District("Mid-Levels", "Hong Kong Island"),
                    new District("The Peak", "Hong Kong Island"))),
            new Region("Kowloon", List.of(new District("Mong Kok", "Kowloon"),
                    new District("Tsim Sha Tsui", "Kowloon")))));
    private final DistrictNameResolver resolver = new DistrictNameResolver(catalog);

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "Central district|Central district",
            "Central|Central district",
            "central|Central district",
            "CENTRAL DISTRICT|Central district",
            "'  Central   District '|Central district",
            "western|Western District",
            "mong kok|Mong Kok",
            "MongKok|Mong Kok",
            "mid levels|Mid-Levels",
            "TST|Tsim Sha Tsui",
            "peak|The Peak",
            "Mong Kok District|Mong Kok",
            "mid-levels district|Mid-Levels",
            "tst district|Tsim Sha Tsui",
            "The Peak District|The Peak",
            // full-width forms, as CJK keyboards type them
            "ＣＥＮＴＲＡＬ|Central district",
            "ＴＳＴ|Tsim Sha Tsui",
            "Ｍｏｎｇ　Ｋｏｋ|Mong Kok"})
    void spellingsPeopleUseResolveToTheCatalogName(String typed, String expected) {
        assertThat(resolver.resolve(typed)).map(District::name).hasValue(expected);
    }

    @Test
    void unknownNameIsReportedWithTheClosestRealName() {
        DistrictResolution resolution = resolver.resolveAll(List.of("Mong Kokk", "Centrl", "Atlantis",
                "Tsim Sha Tsuii District"));

        assertThat(resolution.isValid()).isFalse();
        assertThat(resolution.invalid()).containsExactly("Mong Kokk", "Centrl", "Atlantis", "Tsim Sha Tsuii District");
        assertThat(resolution.suggestions())
                .containsEntry("Mong Kokk", "Mong Kok")
                .containsEntry("Tsim Sha Tsuii District", "Tsim Sha Tsui")
                .containsEntry("Centrl", "Central district")
                .doesNotContainKey("Atlantis");
    }

    @ParameterizedTest(name = "''{0}'' suggests ''{1}''")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "TKO|Tseung Kwan O",
            "ssp|Sham Shui Po",
            "Causeway|Causeway Bay",
            "repulse|Repulse Bay",
            "Sham Shui Poo|Sham Shui Po",
            "Taj O|Tai O",
            "TW|none", // Tai Wai and Tsuen Wan: initials of two names suggest neither
            "ST|none", // Sha Tin and Sam Tseng; not Tsim Sha Tsui, one letter from its short form TST
            "Shek|none", // Shek O and Shek Kip Mei, though one letter from Shek O
            "Tin|none", // Tin Hau and Tin Shui Wai
            "Tsu|Tsuen Wan",
            "Sai|none",
            // a district's whole name, then more words
            "Tin Hau Temple Street|Tin Hau",
            "Sham Shui Po Market|Sham Shui Po",
            "Shamshuipo Market|Sham Shui Po",
            "Tai Oak Street|none", // Tai O is not a word of it
            // slips of the keyboard
            "Causway Bay|Causeway Bay",
            "Tsim Sha Tsiu|Tsim Sha Tsui",
            "Tsuen Wna|Tsuen Wan",
            // other places, a letter or two from a district: no typos of it
            "Lan Kwai Fong|none", // in Central, not Kwai Fong
            "Kam Tin|none", // in Yuen Long, not Lam Tin
            "Eastern|none", // a district of Hong Kong Island, not Western District
            "Clear Water Bay|none", // in Sai Kung, not Deep Water Bay
            "Kwu Tung|none", // in the North, not Kwun Tong
            "Tai Tam|none", // on Hong Kong Island, not Tai Wai
            "Ting Kau|none"}) // in Tsuen Wan, not Tin Hau
    void aSuggestionIsTheOneDistrictAShortFormOrBeginningNamesOrANearTypo(String typed, String expected) {
        DistrictNameResolver hongKong = new DistrictNameResolver(new DistrictCatalog(List.of(
                new Region("Hong Kong Island", List.of(new District("Causeway Bay", "Hong Kong Island"),
                        new District("Repulse Bay", "Hong Kong Island"), new District("Shek O", "Hong Kong Island"),
                        new District("Tin Hau", "Hong Kong Island"),
                        new District("Western District", "Hong Kong Island"),
                        new District("Deep Water Bay", "Hong Kong Island"))),
                new Region("Kowloon", List.of(new District("Sham Shui Po", "Kowloon"),
                        new District("Tsim Sha Tsui", "Kowloon"),
                        new District("Shek Kip Mei", "Kowloon"), new District("Lam Tin", "Kowloon"),
                        new District("Kwun Tong", "Kowloon"))),
                new Region("New Territories", List.of(new District("Tseung Kwan O", "New Territories"),
                        new District("Sha Tin", "New Territories"), new District("Sam Tseng", "New Territories"),
                        new District("Tsuen Wan", "New Territories"), new District("Tai Wai", "New Territories"),
                        new District("Tin Shui Wai", "New Territories"),
                        new District("Kwai Fong", "New Territories"))),
                new Region("Islands", List.of(new District("Tai O", "Islands"))))));

        assertThat(hongKong.closestName(typed)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @Test
    void aNameThatFoldsIntoALongTextSuggestsNothing() {
        String hundredLigatures = "\uFDFA".repeat(100); // each one folds (NFKC) into 18 characters

        DistrictResolution resolution = resolver.resolveAll(List.of(hundredLigatures, "Mong Kokk"));

        assertThat(resolution.invalid()).containsExactly(hundredLigatures, "Mong Kokk");
        assertThat(resolution.suggestions()).containsOnly(entry("Mong Kokk", "Mong Kok"));
    }

    @Test
    void aRegionNamedForADistrictIsReportedAsARegion() {
        DistrictResolution resolution = resolver.resolveAll(List.of("Kowloon", "hong kong", "HK Island", "Hong",
                "Kowloon District"));

        assertThat(resolution.invalid())
                .containsExactly("Kowloon", "hong kong", "HK Island", "Hong", "Kowloon District");
        assertThat(resolution.regions()).containsOnly(entry("Kowloon", "Kowloon"),
                entry("hong kong", "Hong Kong Island"), entry("Hong", "Hong Kong Island"),
                entry("Kowloon District", "Kowloon"));
        assertThat(resolution.suggestions()).doesNotContainKeys("Kowloon", "hong kong", "Hong");
    }

    @Test
    void duplicatesAfterResolutionKeepTheirFirstPlace() {
        DistrictResolution resolution = resolver.resolveAll(List.of("Mong Kok", "central", "MONG KOK", "Central district"));

        assertThat(resolution.resolved()).extracting(District::name).containsExactly("Mong Kok", "Central district");
        assertThat(resolution.isValid()).isTrue();
    }

    @Test
    void aNameWithAControlCharacterIsNoNameAnyoneTyped() {
        assertThat(resolver.resolve("Central\u0000district")).isEmpty();
        assertThat(resolver.resolve("Mong\u0007Kok")).isEmpty();
        assertThat(resolver.resolve("\tMong\u00a0Kok\n")).as("spaces of any kind are spaces").isPresent();
        assertThat(resolver.resolve("Mong\u200bKok")).as("a zero-width space pasted along").isPresent();
        assertThat(MealType.parse("lunch\u0000")).isEmpty();
        assertThat(MealType.parse(" Lunch\u3000")).contains(MealType.LUNCH);
    }

    @Test
    void blankOrNullNameResolvesToNothing() {
        assertThat(resolver.resolve("   ")).isEmpty();
        assertThat(resolver.resolve(null)).isEmpty();
    }
}
