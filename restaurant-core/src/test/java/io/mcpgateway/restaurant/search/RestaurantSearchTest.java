package io.mcpgateway.restaurant.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.MealType;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.meal.MealPeriodClassifier;
import io.mcpgateway.testsupport.TestDataSets;
import io.mcpgateway.text.QuotedList;

/** The searches over the original's real data set. */
class RestaurantSearchTest {

    private static final PageRequest ALL = new PageRequest(PageRequest.DEFAULT_MAX_PAGE_SIZE, 0);
    private static RestaurantSearch search;
    private static List<String> districtNames;

    @BeforeAll
    static void load() {
        var dataSet = new DataSetLoader(Json.newMapper(), Clock.systemUTC())
                .load(new DirectoryDataSource(TestDataSets.hongKong()));
        search = new RestaurantSearch(new RestaurantIndex(dataSet, new MealPeriodClassifier()));
        districtNames = dataSet.catalog().names();
    }

    @Nested
    class ByDistrict {

        @Test
        void centralDistrictReturnsIts63RestaurantsInFileOrder() {
            SearchResult result = search.byDistricts(List.of("Central district"), ALL);

            assertThat(result.totalCount()).isEqualTo(63);
            assertThat(result.restaurants()).hasSize(63);
            assertThat(result.restaurants().get(0).id()).isEqualTo("d218e465-9439-4676-91a1-4bf6af021ddd");
            assertThat(result.districtCounts()).containsExactly(java.util.Map.entry("Central district", 63));
        }

        @Test
        void districtsComeInTheOrderNamedAndDuplicatesOnce() {
            SearchResult result = search.byDistricts(List.of("Admiralty", "central", "Central district"), ALL);

            int admiralty = search.byDistricts(List.of("Admiralty"), ALL).totalCount();
            assertThat(result.totalCount()).isEqualTo(admiralty + 63);
            assertThat(result.restaurants().get(0).district()).isEqualTo("Admiralty");
            assertThat(result.restaurants().get(admiralty).district()).isEqualTo("Central district");
            assertThat(result.districts()).extracting(d -> d.name()).containsExactly("Admiralty", "Central district");
        }

        @Test
        void validDistrictWithoutDataFileReturnsNothing() {
            SearchResult result = search.byDistricts(List.of("Jordan"), ALL);

            assertThat(result.totalCount()).isZero();
            assertThat(result.districtCounts()).containsEntry("Jordan", 0);
        }

        @Test
        void unknownDistrictIsRejectedWithSuggestionAndTheValidNames() {
            assertThatThrownBy(() -> search.byDistricts(List.of("Central district", "Mongkok2", "Atlantis"), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.type()).isEqualTo("ValidationError");
                        assertThat(e.getMessage()).startsWith("Invalid districts: ['Mongkok2', 'Atlantis'].")
                                .contains("Did you mean 'Mong Kok' for 'Mongkok2'?");
                        assertThat(e.details()).containsEntry("invalid_districts", List.of("Mongkok2", "Atlantis"))
                                .containsEntry("suggestions", java.util.Map.of("Mongkok2", "Mong Kok"))
                                .containsKey("available_districts");
                    });
        }

        @Test
        void aRegionGivenAsADistrictIsNamedAsSuch() {
            assertThatThrownBy(() -> search.byDistricts(List.of("Kowloon"), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("Invalid districts: ['Kowloon']. Available districts: "
                                + QuotedList.of(districtNames) + ". 'Kowloon' is a region, not a"
                                + " district: available_districts lists its districts under 'Kowloon'. To search"
                                + " every district, search by meal type, or combined without districts.");
                        assertThat(e.details()).containsEntry("regions", java.util.Map.of("Kowloon", "Kowloon"));
                    });
        }

        @Test
        void emptyOrBlankNamesAreRejected() {
            assertThatThrownBy(() -> search.byDistricts(List.of(), ALL))
                    .hasMessage("Districts parameter is required and cannot be empty");
            assertThatThrownBy(() -> search.byDistricts(List.of("Central district", " "), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage()).startsWith("Invalid districts: [' ']. Available districts: [")
                                .endsWith(". District names must not be blank.");
                        assertThat(e.details()).containsEntry("invalid_districts", List.of(" "))
                                .containsKey("available_districts");
                    });
            assertThatThrownBy(() -> search.byDistricts(List.of("\u00a0", "\u200b", "\t"), ALL))
                    .hasMessageStartingWith("Invalid districts: ['\u00a0', '\u200b', '\\t']. Available districts: [");
        }

        @Test
        void theMessageIsTheOriginalsWhenThereIsNothingToAdd() {
            // each invalid name as given, repeated ones too, then every valid one: Python's repr of two lists
            assertThatThrownBy(() -> search.byDistricts(List.of("Central", "Xyzzy", "Xyzzy"), ALL))
                    .hasMessage("Invalid districts: ['Xyzzy', 'Xyzzy']. Available districts: "
                            + QuotedList.of(districtNames));
        }

        @Test
        void namesOfSymbolsAloneAreNamesOfNoDistrictQuotedSoEachReadsAsOne() {
            assertThatThrownBy(() -> search.byDistricts(List.of("--", "\uD83D\uDE00", "Central, Admiralty"), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage())
                                .startsWith("Invalid districts: ['--', '\uD83D\uDE00', 'Central, Admiralty'].");
                        assertThat(e.details()).containsEntry("invalid_districts",
                                List.of("--", "\uD83D\uDE00", "Central, Admiralty"));
                    });
        }
    }

    @Nested
    class ByMealType {

        @Test
        void everyReturnedRestaurantServesARequestedMeal() {
            SearchResult result = search.byMealTypes(List.of("breakfast"), ALL);

            assertThat(result.totalCount()).isPositive().isLessThan(1849);
            for (int mask : result.mealMasks()) {
                assertThat(mask & MealType.BREAKFAST.bit()).isNotZero();
            }
        }

        @Test
        void severalMealsMatchRestaurantsServingAnyOfThem() {
            int breakfast = search.byMealTypes(List.of("breakfast"), ALL).totalCount();
            int dinner = search.byMealTypes(List.of("dinner"), ALL).totalCount();
            int either = search.byMealTypes(List.of("BREAKFAST", " dinner "), ALL).totalCount();

            assertThat(either).isGreaterThanOrEqualTo(Math.max(breakfast, dinner)).isLessThanOrEqualTo(breakfast + dinner);
        }

        @Test
        void resultsFollowCanonicalDistrictOrder() {
            List<Restaurant> all = search.byMealTypes(List.of("lunch"), ALL).restaurants();
            List<String> names = search.index().dataSet().catalog().names();

            List<Integer> positions = new ArrayList<>();
            all.forEach(r -> positions.add(names.indexOf(r.district())));
            assertThat(positions).isSorted();
        }

        @Test
        void unknownMealTypeIsRejectedWithTheValidOnes() {
            assertThatThrownBy(() -> search.byMealTypes(List.of("lunch", "brunch"), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo(
                                "Invalid meal types: ['brunch']. Valid meal types are: ['breakfast', 'lunch', 'dinner']");
                        assertThat(e.details()).containsEntry("valid_meal_types", List.of("breakfast", "lunch", "dinner"));
                    });
        }

        @Test
        void mealTypesAreReadAsDistrictsAre() {
            int lunch = search.byMealTypes(List.of("lunch"), ALL).totalCount();

            assertThat(search.byMealTypes(List.of("Lunch.", "ＬＵＮＣＨ", " l-u-n-c-h "), ALL).totalCount())
                    .isEqualTo(lunch);
        }

        @Test
        void aMealTypeASlipAwayIsRejectedWithTheOneItProbablyMeans() {
            assertThatThrownBy(() -> search.byMealTypes(List.of("breakfst", "dinners", "brunch"), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("Invalid meal types: ['breakfst', 'dinners', 'brunch']."
                                + " Valid meal types are: ['breakfast', 'lunch', 'dinner']. Did you mean 'breakfast' for"
                                + " 'breakfst'? Did you mean 'dinner' for 'dinners'?");
                        assertThat(e.details()).containsEntry("suggestions",
                                Map.of("breakfst", "breakfast", "dinners", "dinner"));
                    });
        }
    }

    @Nested
    class Combined {

        @Test
        void districtAndMealFilterTogether() {
            SearchResult central = search.byDistricts(List.of("Central district"), ALL);
            SearchResult combined = search.combined(List.of("Central"), List.of("dinner"), ALL);

            long expected = java.util.stream.IntStream.of(central.mealMasks())
                    .filter(m -> (m & MealType.DINNER.bit()) != 0).count();
            assertThat(combined.totalCount()).isEqualTo(expected).isPositive();
            assertThat(combined.restaurants()).allMatch(r -> r.district().equals("Central district"));
        }

        @Test
        void onlyMealTypesSearchesEveryDistrict() {
            assertThat(search.combined(null, List.of("lunch"), ALL).totalCount())
                    .isEqualTo(search.byMealTypes(List.of("lunch"), ALL).totalCount());
        }

        @Test
        void missingOrEmptyCriteriaAreRejected() {
            for (List<String> none : Arrays.asList(null, List.<String>of())) {
                for (List<String> noMeals : Arrays.asList(null, List.<String>of())) {
                    assertThatThrownBy(() -> search.combined(none, noMeals, ALL)).as(none + " " + noMeals)
                            .hasMessage("At least one of 'districts' or 'meal_types' parameters must be provided");
                }
            }
            assertThatThrownBy(() -> search.combined(List.of(), List.of("lunch"), ALL))
                    .hasMessage("Districts list cannot be empty when provided");
            assertThatThrownBy(() -> search.combined(List.of("Central"), List.of(), ALL))
                    .hasMessage("Meal types list cannot be empty when provided");
        }

        @Test
        void unknownDistrictIsAValidationErrorHereToo() {
            assertThatThrownBy(() -> search.combined(List.of("Nowhere"), List.of("lunch"), ALL))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.type()).isEqualTo("ValidationError"));
        }

        @Test
        void wrongMealTypesAreNamedBeforeWrongDistricts() {
            // the original's order (REFERENCE-SPEC §2.7): a caller fixing one error at a time meets the meal first
            assertThatThrownBy(() -> search.combined(List.of("Cenrtal"), List.of("brunch"), ALL))
                    .hasMessageStartingWith("Invalid meal types: ['brunch']");
        }
    }

    @Nested
    class Pagination {

        @Test
        void pagesTileTheWholeResultAcrossDistrictBoundaries() {
            List<String> districts = List.of("Admiralty", "Central district", "Wan Chai");
            List<Restaurant> whole = search.byDistricts(districts, ALL).restaurants();

            List<Restaurant> paged = new ArrayList<>();
            for (int offset = 0; offset < whole.size(); offset += 7) {
                SearchResult page = search.byDistricts(districts, new PageRequest(7, offset));
                assertThat(page.totalCount()).isEqualTo(whole.size());
                paged.addAll(page.restaurants());
            }
            assertThat(paged).isEqualTo(whole);
        }

        @Test
        void filteredPagesTileTheFilteredResult() {
            List<Restaurant> whole = search.combined(List.of("Sheung Wan", "Central"), List.of("dinner"), ALL)
                    .restaurants();
            SearchResult second = search.combined(List.of("Sheung Wan", "Central"), List.of("dinner"),
                    new PageRequest(10, 10));

            assertThat(second.restaurants()).isEqualTo(whole.subList(10, Math.min(20, whole.size())));
            assertThat(second.hasMore()).isEqualTo(whole.size() > 20);
        }

        @Test
        void offsetPastTheEndGivesAnEmptyPageWithTheTotal() {
            SearchResult result = search.byDistricts(List.of("Central district"), new PageRequest(10, 500));

            assertThat(result.restaurants()).isEmpty();
            assertThat(result.totalCount()).isEqualTo(63);
        }

        @Test
        void limitOutsideItsRangeIsRejectedWithTheBound() {
            assertThatThrownBy(() -> PageRequest.of(0, null, 100)).hasMessage("limit must be between 1 and 100 but was 0");
            assertThatThrownBy(() -> PageRequest.of(101, null, 100)).hasMessage("limit must be between 1 and 100 but was 101");
            assertThatThrownBy(() -> PageRequest.of(10, -1, 100)).hasMessage("offset must be 0 or more but was -1");
            assertThat(PageRequest.of(null, null, 100)).isEqualTo(new PageRequest(100, 0));
        }
    }
}
