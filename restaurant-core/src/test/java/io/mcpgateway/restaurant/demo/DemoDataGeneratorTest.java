package io.mcpgateway.restaurant.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.data.ClasspathDataSource;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;

class DemoDataGeneratorTest {

    @TempDir
    Path dir;

    private final DataSetLoader loader = new DataSetLoader(Json.newMapper(), Clock.systemUTC());

    @Test
    void bundledDemoDataIsExactlyTheGeneratorsOutput() throws IOException {
        new DemoDataGenerator(Json.newMapper(), DemoDataGenerator.DEMO_SEED)
                .write(dir, DemoDataGenerator.DEMO_RESTAURANTS, true, n -> { });

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(4 + 1 + 85);
        for (Path file : files) {
            String resource = ClasspathDataSource.DEMO_DATA_FOLDER + "/" + dir.relativize(file).toString().replace('\\', '/');
            try (InputStream bundled = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(bundled).as("bundled %s (regenerate with the generate-data command)", resource).isNotNull();
                assertThat(bundled.readAllBytes()).as(resource).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void bundledDemoDataLoadsWithoutProblemsAndCoversEveryDistrict() {
        DataSet demo = loader.load(ClasspathDataSource.bundledDemo());

        assertThat(demo.problems()).isEmpty();
        assertThat(demo.catalog().size()).isEqualTo(85);
        assertThat(demo.districtFileCount()).isEqualTo(85);
        assertThat(demo.restaurantCount()).isEqualTo(DemoDataGenerator.DEMO_RESTAURANTS);
        demo.catalog().districts().forEach(d -> assertThat(demo.restaurantsOf(d)).as(d.name()).isNotEmpty());
    }

    @Test
    void sameSeedGivesSameDataAndOtherSeedDiffers() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        new DemoDataGenerator(Json.newMapper(), 7).write(a, 300, false, n -> { });
        new DemoDataGenerator(Json.newMapper(), 7).write(b, 300, false, n -> { });
        new DemoDataGenerator(Json.newMapper(), 8).write(c, 300, false, n -> { });
        String file = "restaurants/kowloon/mong-kok.json";

        assertThat(Files.readString(a.resolve(file))).isEqualTo(Files.readString(b.resolve(file)));
        assertThat(Files.readString(a.resolve(file))).isNotEqualTo(Files.readString(c.resolve(file)));
    }

    @Test
    void writesTheRequestedNumberOfRestaurantsAndReportsProgress() throws IOException {
        int[] last = {0};
        new DemoDataGenerator(Json.newMapper(), 1).write(dir, 10_000, false, n -> last[0] = n);

        DataSet generated = loader.load(new DirectoryDataSource(dir));

        assertThat(last[0]).isEqualTo(10_000);
        assertThat(generated.restaurantCount()).isEqualTo(10_000);
        assertThat(generated.problems()).isEmpty();
    }
}
