package io.mcpgateway.restaurant.meal;

import static io.mcpgateway.restaurant.MealType.BREAKFAST;
import static io.mcpgateway.restaurant.MealType.DINNER;
import static io.mcpgateway.restaurant.MealType.LUNCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.OperatingHours;

class MealPeriodClassifierTest {

    private final MealPeriodClassifier classifier = new MealPeriodClassifier();

    private Set<MealType> mealsFor(String... weekdayHours) {
        return classifier.meals(new OperatingHours(List.of(weekdayHours), List.of(), List.of()));
    }

    /** The edge cases of REFERENCE-SPEC §2.5, with the meals our fixed, half-open rules give. */
    @Nested
    class ReferenceEdgeCases {

        @Test
        void earlyOpeningUntilFiveServesBreakfastAndLunch() {
            assertThat(mealsFor("06:30 - 17:00")).containsExactly(BREAKFAST, LUNCH);
        }

        @Test
        void closingAtHalfPastFiveDoesNotServeDinner() {
            // The original said lunch and dinner: it counted the touching minute.
            assertThat(mealsFor("11:30 - 17:30")).containsExactly(LUNCH);
        }

        @Test
        void closingWhenBreakfastStartsServesNothing() {
            // The original said breakfast.
            assertThat(mealsFor("06:00 - 07:00")).isEmpty();
        }

        @Test
        void openingAtHalfPastTenAtNightStillServesDinner() {
            assertThat(mealsFor("22:30 - 23:59")).containsExactly(DINNER);
        }

        @Test
        void openingAfterDinnerEndsServesNothing() {
            assertThat(mealsFor("22:31 - 23:59")).isEmpty();
        }

        @Test
        void overnightRangeFromFiveServesLunchAndDinner() {
            assertThat(mealsFor("17:00 - 01:00")).containsExactly(LUNCH, DINNER);
        }

        @Test
        void lateNightRangeServesNothing() {
            assertThat(mealsFor("23:00 - 02:00")).isEmpty();
        }

        @Test
        void overnightRangeClosingAtSevenServesDinnerOnly() {
            // The original said breakfast and dinner, though it closes as breakfast starts.
            assertThat(mealsFor("21:00 - 07:00")).containsExactly(DINNER);
        }

        @Test
        void everyRangeOfACommaJoinedStringCounts() {
            // The original parsed only the first range and said lunch.
            assertThat(mealsFor("11:30 - 15:30, 18:00 - 22:00")).containsExactly(LUNCH, DINNER);
        }

        @Test
        void midnightWrittenAsTwentyFourIsUnderstood() {
            // The original ignored the string.
            assertThat(mealsFor("24:00 - 02:00")).isEmpty();
            assertThat(mealsFor("18:00 - 24:00")).containsExactly(DINNER);
            assertThat(mealsFor("00:00 - 24:00")).containsExactly(BREAKFAST, LUNCH, DINNER);
        }

        @Test
        void singleDigitHoursAndNoSpacesAreAccepted() {
            assertThat(mealsFor("9:00-10:00")).containsExactly(BREAKFAST);
        }

        @Test
        void textThatIsNotARangeServesNothing() {
            assertThat(mealsFor("Closed")).isEmpty();
            assertThat(mealsFor("")).isEmpty();
            assertThat(mealsFor("25:00 - 26:00", "10:61 - 11:00")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "07:00 - 07:01, BREAKFAST",
            "11:29 - 11:30, BREAKFAST",
            "11:30 - 11:31, LUNCH",
            "17:29 - 17:30, LUNCH",
            "17:30 - 17:31, DINNER",
            "10:00 - 10:00, BREAKFAST LUNCH DINNER"})
    void periodBoundariesAreHalfOpen(String hours, String expected) {
        Set<MealType> meals = mealsFor(hours);
        assertThat(meals).containsExactlyElementsOf(
                java.util.Arrays.stream(expected.split(" ")).map(MealType::valueOf).toList());
    }

    @Test
    void everyDayTypeCounts() {
        OperatingHours hours = new OperatingHours(List.of("07:30 - 10:00"), List.of("12:00 - 14:00"),
                List.of("19:00 - 21:00"));
        assertThat(classifier.meals(hours)).containsExactly(BREAKFAST, LUNCH, DINNER);
    }

    @Test
    void fullWidthFormsAndToAreReadAsTheDashedAsciiRange() {
        assertThat(mealsFor("０７：００ － １０：００")).containsExactly(BREAKFAST);
        assertThat(mealsFor("07:00 to 10:00", "18:00 TO 20:00")).containsExactly(BREAKFAST, DINNER);
    }

    @ParameterizedTest(name = "''{0}'' cannot be read: {1}")
    @CsvSource(delimiter = '|', value = {
            "7am - 10am|true",
            "25:00 - 26:00|true",
            "24 hours|true",
            "11:30 - 15:30, 18:00 - 22:00|false",
            "07:00 to 10:00|false",
            "Closed|false"})
    void hoursThatLookLikeHoursButCannotBeReadAreFoundAndThoseWithoutDigitsAreNot(String hours, boolean unreadable) {
        assertThat(MealPeriodClassifier.isUnreadable(hours)).isEqualTo(unreadable);
    }

    @Test
    void unknownHoursServeNothing() {
        assertThat(classifier.meals(OperatingHours.UNKNOWN)).isEmpty();
        assertThat(classifier.mealMask(OperatingHours.UNKNOWN)).isZero();
    }
}
