package io.mcpgateway.restaurant.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntConsumer;

import io.mcpgateway.restaurant.catalog.District;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a synthetic data set in the original layout (REFERENCE-SPEC §1): the district catalog and one file per
 * district with restaurants. The same seed and size always give the same bytes; the bundled demo data set is this
 * generator's output for {@link #DEMO_SEED} and {@link #DEMO_RESTAURANTS}.
 *
 * <p>Restaurants are written one at a time as they are made, so a million of them need no more memory than one.
 */
public final class DemoDataGenerator {

    public static final long DEMO_SEED = 20250925L;
    public static final int DEMO_RESTAURANTS = 1200;
    /** How often {@code progress} hears within a district: a large one takes seconds to write. */
    private static final int PROGRESS_EVERY = 1000;

    private final JsonMapper mapper;
    private final long seed;

    public DemoDataGenerator(JsonMapper mapper, long seed) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.seed = seed;
    }

    /** The number of districts every generated data set covers. */
    public static int districtCount() {
        return HongKongDistricts.BY_REGION.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Writes the data set below {@code root}, calling {@code progress} with the number of restaurants written so far.
     *
     * @param pretty indented JSON, as the original files are; compact is smaller and faster for large sets
     */
    public void write(Path root, int restaurants, boolean pretty, IntConsumer progress) throws IOException {
        if (restaurants < 0) {
            throw new IllegalArgumentException("restaurants must be 0 or more but was " + restaurants);
        }
        // no flush per record: each restaurant is written to the file's buffered generator on its own; and a file
        // whose writing failed is left unfinished, not closed into valid JSON holding fewer records than it says
        JsonMapper writer = mapper.rebuild().configure(SerializationFeature.INDENT_OUTPUT, pretty)
                .configure(SerializationFeature.FLUSH_AFTER_WRITE_VALUE, false)
                .configure(StreamWriteFeature.AUTO_CLOSE_CONTENT, false).build();
        writeCatalog(root, writer);
        Random random = new Random(seed);
        List<District> districts = districts();
        int[] counts = shareOut(restaurants, districts.size(), random);
        RestaurantFaker faker = new RestaurantFaker(random);
        int written = 0;
        for (int d = 0; d < districts.size(); d++) {
            written = writeDistrict(writer, root, districts.get(d), counts[d], faker, written, progress);
            progress.accept(written);
        }
    }

    /** Writes one district's file, a restaurant at a time; returns the number written so far in all. */
    private static int writeDistrict(JsonMapper writer, Path root, District district, int count,
            RestaurantFaker faker, int writtenBefore, IntConsumer progress) throws IOException {
        Path file = root.resolve(district.dataFile());
        Files.createDirectories(file.getParent());
        int written = writtenBefore;
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = writer.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("metadata");
            writer.writeValue(json, metadata(district, count));
            json.writeName("restaurants");
            json.writeStartArray();
            for (int i = 0; i < count; i++) {
                writer.writeValue(json, faker.restaurant(district.name(), district.regionName()));
                if (++written % PROGRESS_EVERY == 0) {
                    progress.accept(written);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return written;
    }

    private void writeCatalog(Path root, JsonMapper writer) throws IOException {
        List<Map<String, Object>> regionEntries = new ArrayList<>();
        int id = 1001;
        for (var region : HongKongDistricts.BY_REGION.entrySet()) {
            String file = District.keyOfName(region.getKey()) + ".json";
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("configFile", file);
            entry.put("enabled", true);
            regionEntries.add(entry);
            List<Map<String, Object>> districtEntries = new ArrayList<>();
            for (String name : region.getValue()) {
                Map<String, Object> district = new LinkedHashMap<>();
                district.put("name", name);
                district.put("districtId", id++);
                districtEntries.add(district);
            }
            Map<String, Object> regionFile = new LinkedHashMap<>();
            regionFile.put("name", region.getKey());
            regionFile.put("districts", districtEntries);
            writeJson(writer, root.resolve("districts").resolve(file), regionFile);
        }
        Map<String, Object> master = new LinkedHashMap<>();
        master.put("version", "1.0.0");
        master.put("lastUpdated", "2025-09-25T00:00:00Z");
        master.put("description", "Synthetic demo data generated with seed " + seed);
        master.put("regions", regionEntries);
        writeJson(writer, root.resolve("districts/master-config.json"), master);
    }

    private static Map<String, Object> metadata(District district, int count) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("timestamp", "2025-09-25T00:00:00.000Z");
        metadata.put("version", "1.0.0");
        metadata.put("district", district.name());
        metadata.put("locationCategory", district.regionName());
        metadata.put("recordCount", count);
        return metadata;
    }

    private static List<District> districts() {
        List<District> districts = new ArrayList<>();
        HongKongDistricts.BY_REGION.forEach((region, names) -> names.stream()
                .filter(name -> districts.stream().noneMatch(d -> d.name().equals(name)))
                .forEach(name -> districts.add(new District(name, region))));
        return districts;
    }

    /** Every district gets at least one restaurant when there are enough; the rest go by random weights. */
    private static int[] shareOut(int total, int districts, Random random) {
        int[] counts = new int[districts];
        int[] weights = new int[districts];
        long weightSum = 0;
        for (int i = 0; i < districts; i++) {
            weights[i] = 1 + random.nextInt(10);
            weightSum += weights[i];
        }
        int base = total >= districts ? 1 : 0;
        int rest = total - base * districts;
        int assigned = 0;
        for (int i = 0; i < districts; i++) {
            counts[i] = base + (int) (rest * (long) weights[i] / weightSum);
            assigned += counts[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % districts) {
            counts[i]++;
            assigned++;
        }
        return counts;
    }

    private static void writeJson(JsonMapper writer, Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.writeValue(out, value);
        }
    }
}
