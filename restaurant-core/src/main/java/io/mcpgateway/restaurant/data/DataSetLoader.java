package io.mcpgateway.restaurant.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.failure.FileFailures;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.catalog.DistrictCatalog;
import io.mcpgateway.text.Plural;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a whole data set from a {@link DataSource}: the catalog, then every district's file.
 *
 * <p>A district without a file simply has no restaurants (the original configures 85 districts and ships 29 files).
 * Every other irregularity becomes a {@link LoadProblem} naming the file and the reason; nothing is dropped silently.
 */
public final class DataSetLoader {

    private static final Logger log = LoggerFactory.getLogger(DataSetLoader.class);

    private final CatalogReader catalogReader;
    private final RestaurantFileReader fileReader;
    private final Clock clock;

    public DataSetLoader(JsonMapper mapper, Clock clock) {
        this.catalogReader = new CatalogReader(mapper);
        this.fileReader = new RestaurantFileReader(mapper);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DataSet load(DataSource source) {
        return load(source, districtsDone -> { });
    }

    /**
     * Loads the data set, reporting each finished district to {@code progress} (for progress bars).
     *
     * @throws DataSetException when there is no usable district catalog
     */
    public DataSet load(DataSource source, IntConsumer progress) {
        try {
            List<LoadProblem> problems = new ArrayList<>();
            DistrictCatalog catalog = catalogReader.read(source, problems);
            // Files are parsed in parallel (the expensive part at a million restaurants), then merged in catalog
            // order so that duplicates are resolved the same way on every run.
            List<DistrictFile> files = catalog.districts().parallelStream().map(d -> readDistrict(source, d)).toList();
            Map<District, List<Restaurant>> byDistrict = new LinkedHashMap<>();
            Set<String> ids = new HashSet<>();
            int done = 0;
            for (DistrictFile file : files) {
                problems.addAll(file.problems());
                if (file.restaurants() != null) {
                    byDistrict.put(file.district(), withoutDuplicateIds(file, ids, problems));
                }
                progress.accept(++done);
            }
            reportStrayFiles(source, catalog, problems);
            if (files.stream().allMatch(f -> f.restaurants() == null && f.problems().isEmpty())) {
                // not one district file found (a restaurants/ folder missing or misnamed): the data set serves nothing
                problems.add(new LoadProblem("restaurants/", "no district file of the catalog was found: the data set"
                        + " has no restaurants"));
            }
            DataSet dataSet = new DataSet(source.description(), catalog, byDistrict, problems, clock.instant());
            log.info("Loaded {} restaurants in {} district files of {} districts from {} ({})",
                    dataSet.restaurantCount(), dataSet.districtFileCount(), catalog.size(), source.description(),
                    Plural.of(problems.size(), "problem"));
            problems.forEach(p -> log.warn("Data set problem: {}", p));
            return dataSet;
        } catch (IOException e) {
            throw new DataSetException("cannot read " + source.description() + ": " + FileFailures.describe(e), e);
        }
    }

    private DistrictFile readDistrict(DataSource source, District district) {
        List<LoadProblem> problems = new ArrayList<>();
        try {
            var bytes = source.read(district.dataFile());
            List<Restaurant> restaurants = bytes.map(b -> fileReader.read(b, district, problems)).orElse(null);
            return new DistrictFile(district, restaurants, problems);
        } catch (FileTooLargeException e) { // its content, as bad JSON is: not read again until it changes
            problems.add(new LoadProblem(district.dataFile(), e.reason()));
            return new DistrictFile(district, null, problems);
        } catch (IOException e) {
            problems.add(LoadProblem.unreadable(district.dataFile(), FileFailures.describe(e)));
            return new DistrictFile(district, null, problems);
        } catch (UncheckedIOException e) {
            problems.add(LoadProblem.unreadable(district.dataFile(), FileFailures.describe(e.getCause())));
            return new DistrictFile(district, null, problems);
        }
    }

    private static List<Restaurant> withoutDuplicateIds(DistrictFile file, Set<String> ids, List<LoadProblem> problems) {
        List<Restaurant> unique = new ArrayList<>(file.restaurants().size());
        for (Restaurant r : file.restaurants()) {
            if (ids.add(r.id())) {
                unique.add(r);
            } else {
                problems.add(new LoadProblem(file.district().dataFile(),
                        "restaurant id '" + r.id() + "' was already loaded; this copy is skipped"));
            }
        }
        return unique;
    }

    private static void reportStrayFiles(DataSource source, DistrictCatalog catalog, List<LoadProblem> problems)
            throws IOException {
        Set<String> expected = new HashSet<>();
        catalog.districts().forEach(d -> expected.add(d.dataFile()));
        for (String file : source.list("restaurants")) {
            if (!expected.contains(file)) {
                problems.add(new LoadProblem(file, "matches no district of the catalog; ignored"));
            }
        }
    }

    private record DistrictFile(District district, List<Restaurant> restaurants, List<LoadProblem> problems) {
    }
}
