package io.mcpgateway.restaurant.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.data.ClasspathDataSource;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.text.LooseNames;

/** The other names of Hong Kong's districts, over the catalog of the bundled data set (the original's 85). */
class DistrictAliasesTest {

    private static final DistrictCatalog HONG_KONG = new DataSetLoader(Json.newMapper(), Clock.systemUTC())
            .load(ClasspathDataSource.bundledDemo()).catalog();
    private final DistrictNameResolver resolver = new DistrictNameResolver(HONG_KONG);

    @Test
    void everyAliasNamesADistrictOfTheCatalogAndNoneIsADistrictsOwnName() {
        DistrictAliases.all().forEach((alias, district) -> {
            assertThat(HONG_KONG.byExactName(district)).as("the district of '%s'", alias).isPresent();
            assertThat(HONG_KONG.districts()).extracting(d -> LooseNames.compact(d.name()))
                    .as("'%s' hides no district's name", alias)
                    .doesNotContain(LooseNames.compact(alias));
        });
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "Lan Kwai Fong|Central district",
            "lkf|Central district",
            "CWB|Causeway Bay",
            "Kennedy Town|Western District",
            "Sai Wan|Western District", // not Sai Wan Ho, whose name it begins
            "中環|Central district",
            "中环|Central district",
            "銅鑼灣|Causeway Bay",
            "铜锣湾|Causeway Bay",
            "尖沙咀|Tsim Sha Tsui",
            "旺角|Mong Kok",
            "ＴＳＴ|Tsim Sha Tsui",
            "Sai Wan Ho|Sai Wan Ho"})
    void otherNamesPeopleUseResolveToTheirDistrict(String typed, String district) {
        assertThat(resolver.resolve(typed)).map(District::name).hasValue(district);
    }
}
