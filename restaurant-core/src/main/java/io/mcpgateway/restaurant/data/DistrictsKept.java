package io.mcpgateway.restaurant.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.text.Plural;

/**
 * What a reload serves of a district whose file loaded before and is now unusable as a whole (malformed, over the
 * size limit, not the format's object): the restaurants loaded before, not none. A bad upload would otherwise empty
 * the district on every replica, its callers told it has no restaurants, until the file is fixed.
 */
final class DistrictsKept {

    private static final Logger log = LoggerFactory.getLogger(DistrictsKept.class);

    private DistrictsKept() {
    }

    /**
     * {@code reloaded}, with the restaurants {@code served} had for each district whose file is now unusable, but for
     * those whose ids the new data has elsewhere (a restaurant moved in the same upload).
     */
    static DataSet withDistrictsOfBefore(DataSet served, DataSet reloaded) {
        Map<District, List<Restaurant>> before = new LinkedHashMap<>();
        served.restaurantsByDistrict().forEach((district, restaurants) -> {
            if (!restaurants.isEmpty() && unusable(district.dataFile(), reloaded)) {
                before.put(district, restaurants);
            }
        });
        warnOfDistrictsEmptied(served, reloaded);
        if (before.isEmpty()) {
            return reloaded;
        }
        Set<String> ids = new HashSet<>();
        reloaded.restaurantsByDistrict().values().forEach(list -> list.forEach(r -> ids.add(r.id())));
        Map<District, List<Restaurant>> byDistrict = new LinkedHashMap<>();
        List<LoadProblem> problems = new ArrayList<>(reloaded.problems());
        for (District district : reloaded.catalog().districts()) {
            List<Restaurant> loaded = reloaded.restaurantsByDistrict().get(district);
            List<Restaurant> ofBefore = keptFor(district, before);
            if (loaded != null) {
                byDistrict.put(district, loaded);
            } else if (ofBefore != null) {
                List<Restaurant> unique = ofBefore.stream().filter(r -> ids.add(r.id())).toList();
                if (unique.size() < ofBefore.size()) { // moved to another district's file in the same upload
                    problems.add(LoadProblem.warning(district.dataFile(), Plural.of(ofBefore.size() - unique.size(),
                            "restaurant") + " loaded before and now in another district's file not kept here"));
                }
                if (!unique.isEmpty()) {
                    byDistrict.put(district, unique);
                    LoadProblem kept = LoadProblem.warning(district.dataFile(), "its restaurants as loaded before ("
                            + Plural.of(unique.size(), "restaurant") + ") are served until it is fixed");
                    problems.add(kept);
                    log.warn("Data set problem: {}", kept);
                }
            }
        }
        return new DataSet(reloaded.source(), reloaded.catalog(), byDistrict, problems, reloaded.loadedAt());
    }

    /** Whether the new data has no restaurants from {@code file} for a problem that lost the whole file. */
    private static boolean unusable(String file, DataSet reloaded) {
        return reloaded.restaurantsByDistrict().keySet().stream().noneMatch(d -> d.dataFile().equals(file))
                && reloaded.problems().stream().anyMatch(p -> !p.isWarning() && p.file().equals(file));
    }

    /** The restaurants kept for the district of the new catalog with the same file (its name may have changed). */
    private static List<Restaurant> keptFor(District district, Map<District, List<Restaurant>> before) {
        return before.entrySet().stream().filter(e -> e.getKey().dataFile().equals(district.dataFile()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * Says which districts a valid file has emptied: what the file says is served, but a district losing all of its
     * restaurants at once is more often an upload gone wrong than a change.
     */
    private static void warnOfDistrictsEmptied(DataSet served, DataSet reloaded) {
        reloaded.restaurantsByDistrict().forEach((district, restaurants) -> {
            int had = served.restaurantsOf(district).size();
            if (restaurants.isEmpty() && had > 0) {
                log.warn("{} has no restaurants in its new file {} (it had {}): serving none there from now on",
                        district.name(), district.dataFile(), had);
            }
        });
    }
}
