package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ManualClock;
import io.mcpgateway.testsupport.TestDataSets;

class DataSetReloaderTest {

    /** The real data set, whose files a test can change, delete and version by hand. */
    private static final class EditableSource implements VersionedDataSource {
        private final DirectoryDataSource files = new DirectoryDataSource(TestDataSets.hongKong());
        private final Map<String, Optional<byte[]>> edits = new HashMap<>();
        private String failing;
        private boolean exhausting;
        private String tooLarge;
        private boolean listingFails;
        private boolean versionFails;
        private int version;

        @Override
        public String description() {
            return "editable demo data";
        }

        @Override
        public Optional<byte[]> read(String path) throws IOException {
            if (path.equals(failing)) {
                throw new IOException("the store timed out");
            }
            if (path.equals(tooLarge)) {
                throw new FileTooLargeException(path, 99L << 20);
            }
            if (exhausting) {
                throw new OutOfMemoryError("Java heap space"); // as a data set larger than the heap's room does
            }
            return edits.containsKey(path) ? edits.get(path) : files.read(path);
        }

        @Override
        public List<String> list(String folder) throws IOException {
            if (listingFails) {
                throw new IOException("the store is unreachable");
            }
            return files.list(folder);
        }

        @Override
        public String version() {
            if (versionFails) {
                throw new java.io.UncheckedIOException(new IOException("the store is unreachable"));
            }
            return Integer.toString(version);
        }

        void failReading(String path) {
            failing = path;
        }

        void edit(String path, byte[] bytes) {
            edits.put(path, Optional.ofNullable(bytes));
            version++;
        }
    }

    private final EditableSource source = new EditableSource();
    private final DataSetLoader loader = new DataSetLoader(Json.newMapper(), Clock.systemUTC());
    private final List<DataSet> handedOver = new ArrayList<>();

    /** The reloader's and the loader's lines, and those of what a reload keeps. */
    private final Logger logger = (Logger) LoggerFactory.getLogger(DataSetReloader.class.getPackageName());
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.INFO); // the tests' logging configuration may hide INFO
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    private List<String> logLines() {
        return logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    /** The reloaders' clock, which a test moves on. */
    private final ManualClock clock = ManualClock.atEpochDay();

    private DataSetReloader reloader() {
        return new DataSetReloader(source, loader.load(source), source.version(), loader, handedOver::add, clock);
    }

    @Test
    void anUnchangedSourceIsNotLoadedAgain() {
        try (DataSetReloader reloader = reloader()) {
            reloader.checkNow();

            assertThat(handedOver).isEmpty();
            assertThat(reloader.status().lastCheck()).isNotNull();
            assertThat(reloader.status().reloads()).isZero();
        }
    }

    @Test
    void aChangedSourceIsLoadedAndHandedOverOnce() throws IOException {
        String file = source.list("restaurants").get(0);
        try (DataSetReloader reloader = reloader()) {
            source.edit(file, "{\"restaurants\": []}".getBytes());

            reloader.checkNow();
            reloader.checkNow();

            assertThat(handedOver).hasSize(1);
            assertThat(handedOver.get(0).restaurantCount()).isLessThan(1849);
            assertThat(reloader.status().reloads()).isEqualTo(1);
            assertThat(reloader.status().lastError()).isNull();
        }
    }

    @Test
    void aDistrictFileDeletedSinceIsNamedInAWarning() throws IOException {
        try (DataSetReloader reloader = reloader()) {
            source.edit("restaurants/hong-kong-island/central-district.json", null);

            reloader.checkNow();

            assertThat(handedOver).hasSize(1);
            assertThat(logLines()).contains("WARN editable demo data no longer has the file of Central district"
                    + " (restaurants/hong-kong-island/central-district.json): no restaurants there from now on");
        }
    }

    @Test
    void aDistrictFileUnusableOnReloadKeepsTheRestaurantsLoadedBefore() throws IOException {
        String central = "restaurants/hong-kong-island/central-district.json";
        byte[] file = source.read(central).orElseThrow();
        try (DataSetReloader reloader = reloader()) {
            int before = districtSize(loader.load(source), central);
            assertThat(before).isPositive();
            source.edit(central, Arrays.copyOf(file, 5_000)); // an upload cut short

            reloader.checkNow();

            assertThat(handedOver).hasSize(1);
            DataSet served = handedOver.getFirst();
            assertThat(served.restaurantCount()).isEqualTo(1849);
            assertThat(districtSize(served, central)).isEqualTo(before);
            assertThat(served.problems()).filteredOn(p -> p.file().equals(central)).extracting(LoadProblem::toString)
                    .anyMatch(problem -> problem.contains("not valid JSON"))
                    .contains(central + ": its restaurants as loaded before (" + before + " restaurants) are served"
                            + " until it is fixed");
            assertThat(logLines()).contains("WARN Data set problem: " + central + ": its restaurants as loaded before ("
                    + before + " restaurants) are served until it is fixed");

            source.edit(central, file);
            reloader.checkNow();
            assertThat(handedOver.getLast().problems()).noneMatch(p -> p.file().equals(central));
        }
    }

    @Test
    void aDistrictFileEmptiedIsServedEmptyWithAWarning() {
        String taiPo = "restaurants/new-territories/tai-po.json";
        try (DataSetReloader reloader = reloader()) {
            source.edit(taiPo, "{\"restaurants\": []}".getBytes(StandardCharsets.UTF_8));

            reloader.checkNow();

            assertThat(districtSize(handedOver.getFirst(), taiPo)).isZero();
            assertThat(logLines()).anyMatch(line -> line.matches("WARN Tai Po has no restaurants in its new file "
                    + taiPo + " \\(it had [1-9][0-9]*\\): serving none there from now on"));
        }
    }

    @Test
    void aReloadRefusedForWhatTheStoreHoldsIsNotTriedAgainUntilItChanges() throws IOException {
        byte[] kowloon = source.read("districts/kowloon.json").orElseThrow();
        try (DataSetReloader reloader = reloader()) {
            source.edit("districts/kowloon.json", Arrays.copyOf(kowloon, 10));

            reloader.checkNow();
            reloader.checkNow();
            reloader.checkNow();

            assertThat(logLines()).filteredOn(line -> line.contains("Cannot reload")).singleElement().asString()
                    .contains("until the data changes again");
            assertThat(reloader.status().lastError()).as("still said").contains("kowloon.json");
            source.edit("districts/kowloon.json", kowloon);
            reloader.checkNow();
            assertThat(handedOver).as("the upload mended").hasSize(1);
        }
    }

    @Test
    void aReloadThatRunsOutOfMemoryIsTriedAgainOnlyAfterAWhileOrOnceTheDataChanges() {
        try (DataSetReloader reloader = reloader()) {
            source.edit("LICENSE", "changed".getBytes(StandardCharsets.UTF_8));
            source.exhausting = true;

            reloader.checkNow();
            reloader.checkNow();

            assertThat(handedOver).isEmpty();
            assertThat(logLines()).filteredOn(line -> line.contains("Cannot reload")).containsExactly(
                    "ERROR Cannot reload editable demo data; still serving the data loaded before, trying again in 30"
                            + " min unless the data changes first: java.lang.OutOfMemoryError: Java heap space");
            assertThat(reloader.status().lastError()).isEqualTo("java.lang.OutOfMemoryError: Java heap space");
            source.exhausting = false;
            clock.advance(DataSetReloader.RETRY_AFTER_ERROR);
            reloader.checkNow();
            assertThat(handedOver).as("the heap may have been full of a moment's traffic").hasSize(1);
        }
        handedOver.clear();
        try (DataSetReloader reloader = reloader()) {
            source.exhausting = true;
            source.edit("LICENSE", "changed once more".getBytes(StandardCharsets.UTF_8));
            reloader.checkNow();
            source.exhausting = false;
            source.edit("LICENSE", "and again".getBytes(StandardCharsets.UTF_8));
            reloader.checkNow();
            assertThat(handedOver).as("a new version is tried at once").hasSize(1);
        }
    }

    @Test
    void aRefusedVersionUploadedAgainAfterARevertIsTriedAndSaidAgain() throws IOException {
        byte[] kowloon = source.read("districts/kowloon.json").orElseThrow();
        try (DataSetReloader reloader = reloader()) {
            source.edit("districts/kowloon.json", Arrays.copyOf(kowloon, 10));
            reloader.checkNow();
            source.edits.clear(); // reverted: the version served again
            source.version = 0;
            reloader.checkNow();
            assertThat(reloader.status().lastError()).isNull();

            source.edit("districts/kowloon.json", Arrays.copyOf(kowloon, 10)); // the same bad upload, same version
            reloader.checkNow();

            assertThat(source.version()).isEqualTo("1");
            assertThat(logLines()).filteredOn(line -> line.contains("Cannot reload")).hasSize(2);
            assertThat(reloader.status().lastError()).contains("kowloon.json");
        }
    }

    @Test
    void aCatalogFileOverTheSizeLimitIsRefusedUntilItChanges() {
        try (DataSetReloader reloader = reloader()) {
            source.tooLarge = "districts/kowloon.json";
            source.edit("LICENSE", "changed".getBytes(StandardCharsets.UTF_8));

            reloader.checkNow();
            reloader.checkNow();

            assertThat(logLines()).filteredOn(line -> line.contains("Cannot reload")).singleElement().asString()
                    .contains("until the data changes again");
        }
    }

    @Test
    void aRefusedVersionKeepsItsReasonInHealthThroughAnOutageOfTheStore() {
        try (DataSetReloader reloader = reloader()) {
            source.edit("districts/master-config.json", "{".getBytes(StandardCharsets.UTF_8));
            reloader.checkNow();
            String refusal = reloader.status().lastError();
            source.versionFails = true;
            reloader.checkNow();
            assertThat(reloader.status().lastError()).contains("unreachable");

            source.versionFails = false;
            reloader.checkNow();

            assertThat(reloader.status().lastError()).isEqualTo(refusal);
            assertThat(logLines()).contains("INFO editable demo data can be read again; its current version is still"
                    + " the one refused");
        }
    }

    @Test
    void aStoreThatFailsInTheMiddleOfALoadIsReadAgainAtTheNextCheck() {
        try (DataSetReloader reloader = reloader()) {
            source.edit("LICENSE", "changed".getBytes(StandardCharsets.UTF_8));
            source.listingFails = true;

            reloader.checkNow();
            assertThat(logLines()).filteredOn(line -> line.contains("Cannot reload")).singleElement().asString()
                    .contains("trying again at the next check").contains("the store is unreachable");
            source.listingFails = false;
            reloader.checkNow();

            assertThat(handedOver).as("tried again, though the version did not change since").hasSize(1);
        }
    }

    private static int districtSize(DataSet dataSet, String file) {
        return dataSet.restaurantsByDistrict().entrySet().stream().filter(e -> e.getKey().dataFile().equals(file))
                .mapToInt(e -> e.getValue().size()).sum();
    }

    @Test
    void aStoreReadableAgainSaysSoOnce() {
        try (DataSetReloader reloader = reloader()) {
            source.edit("districts/master-config.json", null);
            reloader.checkNow();
            source.edits.clear(); // as it was, under a version of its own
            source.version--;

            reloader.checkNow();
            reloader.checkNow();

            assertThat(reloader.status().lastError()).isNull();
            assertThat(logLines()).filteredOn(line -> line.contains("can be read again")).containsExactly(
                    "INFO editable demo data can be read again; the data served is its current version");
        }
    }

    @Test
    void aReloadThatFailsKeepsTheServedDataAndSaysWhy() {
        try (DataSetReloader reloader = reloader()) {
            source.edit("districts/master-config.json", null);

            reloader.checkNow();

            assertThat(handedOver).isEmpty();
            assertThat(reloader.status().lastError()).contains("master-config.json");
            assertThat(reloader.status().lastReload()).isNull();
        }
    }

    @Test
    void aRegionFileTruncatedOrDeletedIsNotServedItsDistrictsStay() throws IOException {
        byte[] kowloon = source.read("districts/kowloon.json").orElseThrow();
        for (byte[] broken : new byte[][] {Arrays.copyOf(kowloon, kowloon.length / 2), null}) {
            try (DataSetReloader reloader = reloader()) {
                source.edit("districts/kowloon.json", broken);

                reloader.checkNow();

                assertThat(handedOver).as("the data without Kowloon's districts").isEmpty();
                assertThat(reloader.status().lastError()).contains("district catalog").contains("kowloon.json");
                assertThat(reloader.status().reloads()).isZero();

                source.edit("districts/kowloon.json", kowloon);
                reloader.checkNow();
                assertThat(handedOver).as("the upload mended").hasSize(1);
                assertThat(handedOver.getFirst().catalog().size()).isEqualTo(85);
                handedOver.clear();
            }
        }
    }

    @Test
    void aRegionTakenOutOfTheMasterFileIsServedWithoutIt() throws IOException {
        String master = new String(source.read("districts/master-config.json").orElseThrow(), StandardCharsets.UTF_8);
        String withoutIslands = master.replaceFirst("\"islands.json\",\\s*\"enabled\": true",
                "\"islands.json\", \"enabled\": false");
        assertThat(withoutIslands).isNotEqualTo(master);
        try (DataSetReloader reloader = reloader()) {
            source.edit("districts/master-config.json", withoutIslands.getBytes(StandardCharsets.UTF_8));

            reloader.checkNow();

            assertThat(handedOver).hasSize(1);
            assertThat(handedOver.getFirst().catalog().size()).isLessThan(85);
            assertThat(reloader.status().lastError()).isNull();
        }
    }

    @Test
    void aFileTheStoreFailsToHandOverIsNotAChangeTheReloadIsTriedAgain() throws IOException {
        List<String> files = source.list("restaurants");
        try (DataSetReloader reloader = reloader()) {
            source.edit(files.get(0), "{\"restaurants\": []}".getBytes());
            source.failReading(files.get(1));

            reloader.checkNow();
            assertThat(handedOver).as("not the data without the unread file").isEmpty();
            assertThat(reloader.status().lastError()).contains("could not be read").contains(files.get(1));

            source.failReading(null);
            reloader.checkNow();
            assertThat(handedOver).as("tried again, though the version did not change since").hasSize(1);
            assertThat(reloader.status().lastError()).isNull();
        }
    }

    @Test
    void aFileTheStoreFailedToHandOverAtStartIsReadAtTheFirstCheck() throws IOException {
        String file = source.list("restaurants").get(0);
        source.failReading(file);
        DataSet atStart = loader.load(source);
        assertThat(atStart.problems()).anyMatch(LoadProblem::isUnreadable);
        source.failReading(null);

        try (DataSetReloader reloader = new DataSetReloader(source, atStart, source.version(), loader,
                handedOver::add, Clock.systemUTC())) {
            reloader.checkNow();

            assertThat(handedOver).as("loaded again though the store's version is the one served").hasSize(1);
            assertThat(handedOver.getFirst().problems()).noneMatch(LoadProblem::isUnreadable);
            assertThat(handedOver.getFirst().restaurantCount()).isGreaterThan(atStart.restaurantCount());
            reloader.checkNow();
            assertThat(handedOver).as("and not again after that").hasSize(1);
        }
    }

    @Test
    void anExceptionWhileHandingOverIsKeptAndTheChecksGoOn() {
        try (DataSetReloader reloader = new DataSetReloader(source, loader.load(source), source.version(), loader,
                dataSet -> {
            throw new IllegalStateException("indexing failed");
        }, Clock.systemUTC())) {
            source.edit("LICENSE", "changed".getBytes());

            reloader.checkNow();

            assertThat(reloader.status().lastError()).isEqualTo("indexing failed");
            assertThat(reloader.status().reloads()).isZero();
        }
    }
}
