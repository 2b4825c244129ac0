package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.testsupport.TestDataSets;

/** The original's real data set loads completely and as REFERENCE-SPEC §1 describes it. */
class RealDataSetTest {

    private static DataSet dataSet;

    @BeforeAll
    static void load() {
        dataSet = new DataSetLoader(Json.newMapper(), Clock.systemUTC())
                .load(new DirectoryDataSource(TestDataSets.hongKong()));
    }

    @Test
    void loadsAll1849RestaurantsFrom29DistrictFiles() {
        assertThat(dataSet.restaurantCount()).isEqualTo(1849);
        assertThat(dataSet.districtFileCount()).isEqualTo(29);
        assertThat(dataSet.problems()).as("the data bugs of REFERENCE-SPEC §7.12: warnings, nothing lost")
                .allSatisfy(problem -> assertThat(problem.isWarning()).isTrue())
                .extracting(LoadProblem::toString).containsExactlyInAnyOrder(
                        "districts/hong-kong-island.json: districts[26] lists 'Tai Heng' again; the first listing"
                                + " is used",
                        "restaurants/hong-kong-island/causeway-bay.json: metadata.recordCount is 86 but the file"
                                + " holds 59 records; those are served");
    }

    @Test
    void catalogHas85ValidNamesInFourRegionsWithTaiHengOnce() {
        assertThat(dataSet.catalog().size()).isEqualTo(85);
        assertThat(dataSet.catalog().regions()).extracting(r -> r.name())
                .containsExactly("Hong Kong Island", "Kowloon", "New Territories", "Islands");
        assertThat(dataSet.catalog().names()).filteredOn("Tai Heng"::equals).hasSize(1);
        assertThat(dataSet.catalog().regions().get(0).districts()).hasSize(26);
    }

    @Test
    void centralDistrictHas63Restaurants() {
        District central = dataSet.catalog().byExactName("Central district").orElseThrow();
        assertThat(dataSet.restaurantsOf(central)).hasSize(63);
        assertThat(central.dataFile()).isEqualTo("restaurants/hong-kong-island/central-district.json");
    }

    @Test
    void idsAreUniqueAndRecordsCarryTheirFilesDistrict() {
        Set<String> ids = new HashSet<>();
        dataSet.restaurantsByDistrict().forEach((district, restaurants) -> {
            for (Restaurant r : restaurants) {
                assertThat(ids.add(r.id())).as("id %s unique", r.id()).isTrue();
                assertThat(r.district()).isEqualTo(district.name());
                assertThat(r.locationCategory()).isEqualTo(district.regionName());
            }
        });
    }

    @Test
    void twentyThreeRecordsHaveNoSentimentResponses() {
        long unrated = dataSet.restaurantsByDistrict().values().stream().flatMap(java.util.List::stream)
                .filter(r -> !r.sentiment().hasResponses()).count();
        assertThat(unrated).isEqualTo(23);
    }
}
