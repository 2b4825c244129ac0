package io.mcpgateway.restaurant.data;

import static io.mcpgateway.restaurant.RestaurantLimits.MAX_LABEL;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.restaurant.catalog.District;
import io.mcpgateway.restaurant.catalog.DistrictCatalog;
import io.mcpgateway.restaurant.catalog.Region;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the district catalog: {@code districts/master-config.json} and the region files it names
 * (REFERENCE-SPEC §1.1). Without a readable master file there is no catalog and loading stops; a bad region file is
 * reported and skipped so the other regions still load.
 */
final class CatalogReader {

    /** Where the catalog's files are, the master file and the region files it names. */
    static final String FOLDER = "districts/";
    static final String MASTER_FILE = FOLDER + "master-config.json";

    private static final Logger log = LoggerFactory.getLogger(CatalogReader.class);

    private final JsonMapper mapper;

    CatalogReader(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    DistrictCatalog read(DataSource source, List<LoadProblem> problems) throws IOException {
        JsonNode master = readMaster(source);
        JsonNode regionEntries = master.path("regions");
        if (!regionEntries.isArray() || regionEntries.isEmpty()) {
            throw new DataSetException(MASTER_FILE + " in " + source.description() + ": 'regions' must be a non-empty list");
        }
        List<Region> regions = new ArrayList<>();
        Set<String> seenFiles = new HashSet<>();
        Set<String> seenDistricts = new HashSet<>();
        for (int i = 0; i < regionEntries.size(); i++) {
            JsonNode entry = regionEntries.get(i);
            String configFile = entry.path("configFile").asString("").strip();
            if (configFile.isEmpty() || configFile.contains("..") || configFile.contains("/")) {
                problems.add(new LoadProblem(MASTER_FILE, "regions[" + i + "].configFile is missing or not a plain file name"));
                continue;
            }
            if (!entry.path("enabled").asBoolean(true)) {
                log.info("Region file '{}' is disabled in {}", configFile, MASTER_FILE);
                continue;
            }
            if (!seenFiles.add(configFile)) {
                problems.add(new LoadProblem(MASTER_FILE, "regions[" + i + "] names '" + configFile + "' again; ignored"));
                continue;
            }
            readRegion(source, FOLDER + configFile, seenDistricts, problems).ifPresent(regions::add);
        }
        if (regions.stream().allMatch(r -> r.districts().isEmpty())) {
            throw new DataSetException("no district could be loaded from " + source.description()
                    + (problems.isEmpty() ? "" : ": " + problems));
        }
        return new DistrictCatalog(regions);
    }

    private JsonNode readMaster(DataSource source) throws IOException {
        byte[] bytes = source.read(MASTER_FILE).orElseThrow(
                () -> new DataSetException(MASTER_FILE + " not found in " + source.description()));
        try {
            JsonNode master = mapper.readTree(bytes);
            if (!master.isObject()) {
                throw new DataSetException(MASTER_FILE + " in " + source.description() + " is not a JSON object");
            }
            return master;
        } catch (JacksonException e) {
            throw new DataSetException(MASTER_FILE + " in " + source.description() + " is " + InvalidJson.reason(e));
        }
    }

    private java.util.Optional<Region> readRegion(DataSource source, String path, Set<String> seenDistricts,
            List<LoadProblem> problems) throws IOException {
        var bytes = source.read(path);
        if (bytes.isEmpty()) {
            problems.add(new LoadProblem(path, "region file named in " + MASTER_FILE + " is missing"));
            return java.util.Optional.empty();
        }
        JsonNode region;
        try {
            region = mapper.readTree(bytes.get());
        } catch (JacksonException e) {
            problems.add(new LoadProblem(path, InvalidJson.reason(e)));
            return java.util.Optional.empty();
        }
        String name = region.path("name").asString("").strip();
        JsonNode entries = region.path("districts");
        if (name.isEmpty() || !entries.isArray()) {
            problems.add(new LoadProblem(path, "expected an object with a 'name' and a 'districts' list"));
            return java.util.Optional.empty();
        }
        List<District> districts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String districtName = entries.get(i).path("name").asString("").strip();
            if (districtName.isEmpty()) {
                problems.add(new LoadProblem(path, "districts[" + i + "].name is missing or blank; skipped"));
            } else if (!seenDistricts.add(districtName)) {
                // The original lists "Tai Heng" twice; the first listing wins, as there (REFERENCE-SPEC §1.1).
                problems.add(LoadProblem.warning(path, "districts[" + i + "] lists '" + Echoed.clip(districtName,
                        MAX_LABEL) + "' again; the first listing is used"));
            } else {
                districts.add(new District(districtName, name));
            }
        }
        return java.util.Optional.of(new Region(name, districts));
    }
}
