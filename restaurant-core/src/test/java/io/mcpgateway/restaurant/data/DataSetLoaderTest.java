package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.catalog.District;

class DataSetLoaderTest {

    @TempDir
    Path root;

    private final DataSetLoader loader = new DataSetLoader(Json.newMapper(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void writeCatalog() throws IOException {
        write("districts/master-config.json", """
                {"version": "1.0.0", "lastUpdated": "2025-01-10T00:00:00Z",
                 "regions": [{"configFile": "island.json", "enabled": true}, {"configFile": "kowloon.json"}]}""");
        write("districts/island.json", """
                {"name": "Hong Kong Island", "districts": [{"name": "Central district"}, {"name": "Admiralty"}]}""");
        write("districts/kowloon.json", """
                {"name": "Kowloon", "districts": [{"name": "Mong Kok"}]}""");
    }

    private void write(String path, String json) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static String restaurant(String id, String sentiment) {
        return """
                {"id": "%s", "name": "Place %s", "mealType": ["Cantonese"], "sentiment": %s,
                 "operatingHours": {"Mon - Fri": ["07:00 - 15:00"]}}""".formatted(id, id, sentiment);
    }

    private DataSet load() {
        return loader.load(new DirectoryDataSource(root));
    }

    @Test
    void aCatalogWithoutASingleDistrictFileIsAProblemNotAnEmptySuccess() {
        DataSet dataSet = load();

        assertThat(dataSet.restaurantCount()).isZero();
        assertThat(dataSet.problems()).extracting(LoadProblem::reason)
                .containsExactly("no district file of the catalog was found: the data set has no restaurants");
    }

    @Test
    void aDistrictListedTwiceIsAWarningAndItsFirstListingIsUsed() throws IOException {
        write("districts/island.json", """
                {"name": "Hong Kong Island", "districts": [{"name": "Central district"}, {"name": "Admiralty"},
                 {"name": "Central district"}]}""");
        write("restaurants/hong-kong-island/central-district.json",
                "{\"metadata\": {}, \"restaurants\": [" + restaurant("a", "{\"likes\": 3}") + "]}");

        DataSet dataSet = load();

        assertThat(dataSet.catalog().names()).containsExactly("Central district", "Admiralty", "Mong Kok");
        assertThat(dataSet.restaurantCount()).isEqualTo(1);
        assertThat(dataSet.problems()).singleElement().satisfies(problem -> {
            assertThat(problem).hasToString("districts/island.json: districts[2] lists 'Central district' again;"
                    + " the first listing is used");
            assertThat(problem.isWarning()).isTrue();
        });
    }

    @Test
    void validFilesLoadAndDistrictsWithoutFilesAreEmpty() throws IOException {
        write("restaurants/hong-kong-island/central-district.json",
                "{\"metadata\": {}, \"restaurants\": [" + restaurant("a", "{\"likes\": 3}") + "]}");

        DataSet dataSet = load();

        assertThat(dataSet.problems()).isEmpty();
        assertThat(dataSet.restaurantCount()).isEqualTo(1);
        District admiralty = dataSet.catalog().byExactName("Admiralty").orElseThrow();
        assertThat(dataSet.restaurantsOf(admiralty)).isEmpty();
        assertThat(dataSet.catalog().names()).containsExactly("Central district", "Admiralty", "Mong Kok");
        assertThat(dataSet.loadedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Nested
    class ProblemsAreReportedPerFile {

        @Test
        void malformedFileIsNamedWithTheReasonAndOtherFilesStillLoad() throws IOException {
            write("restaurants/hong-kong-island/central-district.json", "{\"restaurants\": [ {\"id\": ");
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("m", "{}") + "]}");

            DataSet dataSet = load();

            assertThat(dataSet.restaurantCount()).isEqualTo(1);
            assertThat(dataSet.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("restaurants/hong-kong-island/central-district.json");
                // where and why, without the parser's internals
                assertThat(p.reason()).isEqualTo("not valid JSON at line 1, column 26 (Unexpected end-of-input"
                        + " within/between Object entries)");
            });
        }

        @Test
        void aFileLargerThanTheLimitIsReportedWithItsSizeAndNotRead() throws IOException {
            String large = "{\"restaurants\": [" + restaurant("big", "{}") + "]}" + " ".repeat(4_000);
            int limit = 4_000; // above the catalog's and the other file's sizes
            write("restaurants/hong-kong-island/central-district.json", large);
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("m", "{}") + "]}");
            try (FileLimit ignored = FileLimit.of(limit)) {
                DataSet dataSet = load();

                assertThat(dataSet.restaurantCount()).isEqualTo(1);
                assertThat(dataSet.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("restaurants/hong-kong-island/central-district.json");
                    // the problem names the file once; sizes in KB from 1 KB on
                    assertThat(p.reason()).isEqualTo("the file is " + String.format(java.util.Locale.ROOT, "%.1f",
                            large.length() / 1024.0) + " KB, more than the 3.9 KB a data file may have (an eighth"
                            + " of the heap, or -D" + FileTooLargeException.PROPERTY + "): split it, or give the"
                            + " server a larger heap");
                });
            }
        }

        @Test
        @Timeout(10)
        void aDistrictFileThatIsADeviceIsReportedNotReadForEver() throws IOException {
            Path zero = Path.of("/dev/zero");
            Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("ok", "{}") + "]}");
            Path link = root.resolve("restaurants/hong-kong-island/admiralty.json");
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, zero);

            assertThat(load().problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("restaurants/hong-kong-island/admiralty.json");
                assertThat(p.reason()).isEqualTo("cannot be read: not a regular file (a device, a pipe or a folder)");
            });
        }

        @Test
        void aDistrictFileThatMayNotBeReadSaysSo() throws IOException {
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("ok", "{}") + "]}");
            write("restaurants/hong-kong-island/admiralty.json", "{\"restaurants\": []}");
            DirectoryDataSource directory = new DirectoryDataSource(root);
            // as the JDK reports it (a server running as root reads every file, so a test cannot chmod one away)
            DataSource guarded = new DataSource() {
                @Override
                public String description() {
                    return directory.description();
                }

                @Override
                public Optional<byte[]> read(String path) throws IOException {
                    if (path.endsWith("admiralty.json")) {
                        throw new AccessDeniedException(root.resolve(path).toString());
                    }
                    return directory.read(path);
                }

                @Override
                public List<String> list(String folder) throws IOException {
                    return directory.list(folder);
                }
            };

            assertThat(loader.load(guarded).problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("restaurants/hong-kong-island/admiralty.json");
                assertThat(p.reason()).isEqualTo("cannot be read: "
                        + root.resolve("restaurants/hong-kong-island/admiralty.json") + ": permission denied");
            });
        }

        @Test
        void aDistrictFileThatLinksToNothingIsReportedNotTakenForADistrictWithoutData() throws IOException {
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("ok", "{}") + "]}");
            Path link = root.resolve("restaurants/hong-kong-island/admiralty.json");
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, root.resolve("nowhere/admiralty.json"));

            assertThat(load().problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("restaurants/hong-kong-island/admiralty.json");
                assertThat(p.reason()).isEqualTo("cannot be read: a symbolic link to a file that does not exist");
            });
        }

        @Test
        void fileWithoutRestaurantListIsReported() throws IOException {
            write("restaurants/kowloon/mong-kok.json", "[1, 2]");

            assertThat(load().problems()).singleElement()
                    .extracting(LoadProblem::reason).isEqualTo("expected an object with a 'restaurants' list");
        }

        @Test
        void badRecordsAreSkippedOneByOneWithTheirIndex() throws IOException {
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("ok", "{\"likes\": 1}")
                    + ", " + restaurant("neg", "{\"likes\": -1}") + ", {\"name\": \"no id\"}, 7, "
                    + restaurant("float", "{\"likes\": 1.5}") + ", "
                    + restaurant("long", "{}").replace("Place long", "x".repeat(501)) + ", "
                    + restaurant("tags", "{}").replace("[\"Cantonese\"]", "[\"" + "t".repeat(101) + "\"]") + ", "
                    + restaurant("unnamed", "{}").replace("\"Place unnamed\"", "null") + ", "
                    + restaurant("blank", "{}").replace("Place blank", " \\t") + ", {\"id\": \"nameless\"}, "
                    + restaurant("score", "{}").replace("}}", "}, \"metadata\": {\"qualityScore\": -5}}") + "]}");

            DataSet dataSet = load();

            assertThat(dataSet.restaurantCount()).isEqualTo(1);
            assertThat(dataSet.problems()).extracting(LoadProblem::reason).containsExactly(
                    "restaurants[1] skipped: sentiment.likes must be a non-negative integer but was -1",
                    "restaurants[2] skipped: id is missing or blank",
                    "restaurants[3] skipped: not a JSON object",
                    "restaurants[4] skipped: sentiment.likes must be a non-negative integer but was 1.5",
                    "restaurants[5] skipped: name must be at most 500 characters but had 501",
                    "restaurants[6] skipped: mealType[] must be at most 100 characters but had 101",
                    // the reasoning tools refuse a blank name: search must not return what they cannot take
                    "restaurants[7] skipped: name is missing or blank",
                    "restaurants[8] skipped: name is missing or blank",
                    "restaurants[9] skipped: name is missing or blank",
                    // the tools' output schema says at least 0
                    "restaurants[10] skipped: metadata.qualityScore must be a non-negative integer but was -5");
        }

        @Test
        void aMemberNamedTwiceIsReportedAndTheLastOneRead() throws IOException {
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("twice", "{\"likes\": 1}")
                    .replace("\"sentiment\"", "\"sentiment\": {\"likes\": 7},\n \"sentiment\"") + "]}");
            write("restaurants/hong-kong-island/admiralty.json", "{\"restaurants\": [" + restaurant("a", "{}")
                    + "], \"restaurants\": []}");

            DataSet dataSet = load();

            assertThat(dataSet.problems()).extracting(LoadProblem::toString).containsExactlyInAnyOrder(
                    "restaurants/kowloon/mong-kok.json: a member named twice in one object at line 2, column 13"
                            + " (Duplicate Object property \"sentiment\"): the last one was read; there may be more",
                    "restaurants/hong-kong-island/admiralty.json: a member named twice in one object at line 2,"
                            + " column 69 (Duplicate Object property \"restaurants\"): the last one was read;"
                            + " there may be more");
            assertThat(dataSet.restaurantCount()).isEqualTo(1);
        }

        @Test
        void duplicateIdAcrossFilesIsReportedAndSkipped() throws IOException {
            write("restaurants/hong-kong-island/central-district.json",
                    "{\"restaurants\": [" + restaurant("same", "{}") + "]}");
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": [" + restaurant("same", "{}") + "]}");

            DataSet dataSet = load();

            assertThat(dataSet.restaurantCount()).isEqualTo(1);
            assertThat(dataSet.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("restaurants/kowloon/mong-kok.json");
                assertThat(p.reason()).contains("'same' was already loaded");
            });
        }

        @Test
        void aRecordCountOtherThanTheRecordsIsAWarningAndTheRecordsAreServed() throws IOException {
            write("restaurants/hong-kong-island/central-district.json", "{\"metadata\": {\"recordCount\": 3},"
                    + " \"restaurants\": [" + restaurant("a", "{}") + ", " + restaurant("b", "{}") + "]}");
            write("restaurants/kowloon/mong-kok.json", "{\"metadata\": {\"recordCount\": 1}, \"restaurants\": ["
                    + restaurant("c", "{}") + "]}");

            DataSet dataSet = load();

            assertThat(dataSet.restaurantCount()).isEqualTo(3);
            assertThat(dataSet.problems()).singleElement().satisfies(p -> {
                assertThat(p).hasToString("restaurants/hong-kong-island/central-district.json: metadata.recordCount"
                        + " is 3 but the file holds 2 records; those are served");
                assertThat(p.isWarning()).isTrue();
            });
        }

        @Test
        void fileOfNoCatalogDistrictIsReported() throws IOException {
            write("restaurants/kowloon/atlantis.json", "{\"restaurants\": []}");
            write("restaurants/kowloon/mong-kok.json", "{\"restaurants\": []}");

            assertThat(load().problems()).singleElement().hasToString(
                    "restaurants/kowloon/atlantis.json: matches no district of the catalog; ignored");
        }

        @Test
        void missingRegionFileIsReportedAndTheOtherRegionLoads() throws IOException {
            Files.delete(root.resolve("districts/kowloon.json"));
            write("restaurants/hong-kong-island/admiralty.json", "{\"restaurants\": []}");

            DataSet dataSet = load();

            assertThat(dataSet.catalog().names()).containsExactly("Central district", "Admiralty");
            assertThat(dataSet.problems()).singleElement().hasToString(
                    "districts/kowloon.json: region file named in districts/master-config.json is missing");
        }
    }

    @Nested
    class UnusableDataSets {

        @Test
        void missingMasterConfigStopsLoadingWithItsName() throws IOException {
            Files.delete(root.resolve("districts/master-config.json"));

            assertThatThrownBy(DataSetLoaderTest.this::load).isInstanceOf(DataSetException.class)
                    .hasMessageStartingWith("districts/master-config.json not found in directory");
        }

        @Test
        void malformedMasterConfigStopsLoading() throws IOException {
            write("districts/master-config.json", "{not json");

            assertThatThrownBy(DataSetLoaderTest.this::load).isInstanceOf(DataSetException.class)
                    .hasMessageContaining("is not valid JSON at line 1, column 2"
                            + " (Unexpected character ('n' (code 110)))")
                    .hasMessageNotContaining("Source");
        }

        @Test
        void masterWithoutRegionsStopsLoading() throws IOException {
            write("districts/master-config.json", "{\"regions\": []}");

            assertThatThrownBy(DataSetLoaderTest.this::load).isInstanceOf(DataSetException.class)
                    .hasMessageContaining("'regions' must be a non-empty list");
        }

        @Test
        void pathsOutsideTheDirectoryAreRefused() {
            assertThatThrownBy(() -> new DirectoryDataSource(root).read("../secret"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
